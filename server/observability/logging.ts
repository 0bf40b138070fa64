// The logger and request-id options for Fastify: pino with every line passed through redactLine (secrets,
// tokens, emails), the usual header redaction, and a request id per request: the caller's `x-request-id` (or
// fly.io's `fly-request-id`) when well-formed, else a new UUID. It is in every log line of the request
// (`reqId`) and echoed in the `x-request-id` response header. On a terminal (or LOG_FORMAT=pretty) the redacted
// line is then formatted for reading (pretty.ts); redaction always runs first, on the JSON.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import { redactLine } from './redact.ts';
import { logFormat, prettyLine, type LogFormat } from './pretty.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids we accept from outside: short, no spaces or quotes (they go into log lines and a header). */
const wellFormed = /^[A-Za-z0-9._:-]{1,64}$/;

export function genReqId(req: IncomingMessage): string {
  for (const name of [REQUEST_ID_HEADER, 'fly-request-id']) {
    const value = req.headers[name];
    if (typeof value === 'string' && wellFormed.test(value)) return value;
  }
  return randomUUID();
}

/** Auth and signature headers, in case a log call passes headers (Fastify's request serializer omits them). */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers["webhook-signature"]',
  'req.headers["x-signature-ed25519"]',
  'req.headers["x-slack-signature"]',
  'req.headers.cookie',
];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** LOG_FORMAT (validated by core/config.ts) or, unset, pretty when stdout is a terminal. */
function defaultFormat(stream: unknown): LogFormat {
  return logFormat(process.env.LOG_FORMAT, stream === undefined && process.stdout.isTTY === true);
}

/** pino options for Fastify's `logger`; `stream` (tests) receives the redacted lines, JSON unless told. */
export function loggerOptions(
  level: LogLevel,
  stream?: { write(line: string): void },
  format: LogFormat = defaultFormat(stream),
): Record<string, unknown> {
  const streamWrite = format === 'pretty' ? (line: string) => prettyLine(redactLine(line)) : redactLine;
  return { level, redact: redactPaths, hooks: { streamWrite }, ...(stream ? { stream } : {}) };
}

/** The Fastify constructor options this module owns: the logger and the request id. */
export function observabilityServerOptions(
  level: LogLevel,
  logger?: boolean | object,
  format?: LogFormat,
): Pick<FastifyServerOptions, 'logger' | 'genReqId'> {
  return { logger: logger ?? loggerOptions(level, undefined, format), genReqId };
}
