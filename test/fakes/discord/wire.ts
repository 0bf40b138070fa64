// Wire helpers of the fake Discord API: reading a request body (JSON, form-encoded, or multipart/form-data with
// files[n] and payload_json, parsed by the platform's own FormData parser), Discord-shaped errors and snowflakes.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request the fake received, as the tests read it (the route handlers and the server share it). */
export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. '/webhooks/123/tok/messages/@original'. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The JSON body, or a multipart request's payload_json. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions read wire JSON freely
  files: RecordedFile[];
  contentType: string;
  status: number;
  /** performance.now() when the request was complete. */
  at: number;
}

export interface RecordedFile {
  /** The form field, e.g. 'files[0]'. */
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface ParsedBody {
  json: unknown;
  files: RecordedFile[];
  contentType: string;
}

export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const contentType = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { json: undefined, files: [], contentType };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    const files: RecordedFile[] = [];
    let json: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = JSON.parse(value);
        continue;
      }
      files.push({
        field,
        filename: value.name,
        contentType: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      });
    }
    return { json, files, contentType };
  }
  // OAuth token requests are form-encoded: recorded as an object of their fields.
  if (contentType.startsWith('application/x-www-form-urlencoded'))
    return { json: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [], contentType };
  return { json: JSON.parse(raw.toString('utf8')), files: [], contentType };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Discord's JSON error body: `{ message, code }` (code 0 for plain HTTP errors). */
export function sendError(res: ServerResponse, status: number, message: string, code = 0): void {
  sendJson(res, status, { message, code });
}

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A snowflake for `at` (milliseconds): timestamp << 22 | a process-wide increment. */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString();
}
