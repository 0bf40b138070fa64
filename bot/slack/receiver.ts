// A Bolt receiver with no server of its own: the Fastify route hands it the raw body and headers, it checks the
// signature and the 5-minute window, parses the three body shapes Slack sends (form-encoded slash commands,
// form-encoded `payload=` interactivity, JSON events), answers url_verification, and runs the event through
// `app.processEvent`. The HTTP answer is whatever the listener passes to `ack()`; what the listener does after
// acking keeps running and is tracked so a closing server can wait for it. With a replay guard, a request whose
// signature and timestamp were seen before (sent again inside the 5-minute window) gets an empty 200 and runs
// nothing.
import type { App, AckFn, Receiver, ReceiverEvent } from '@slack/bolt';
import type { BotLogger } from '../deps.ts';
import { boltCanRead } from './body-shape.ts';
import { verifySlackSignature } from './verify.ts';

export interface SlackHttpRequest {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  /** The HTTP request's id: listeners get it as `context.requestId` (error references, log lines). */
  requestId?: string;
}

/** True the first time a signed request (`key`) is seen; `signedAtMs` is its signature's timestamp. */
export type ReplayGuard = (key: string, signedAtMs: number) => Promise<boolean>;

export interface SlackHttpResponse {
  status: number;
  contentType?: 'application/json' | 'text/plain';
  body: string;
}

/** Slack gives up after 3 s; an event no listener acknowledged by then gets an empty 200 and a log line. */
const ACK_DEADLINE_MS = 2900;

function header(req: SlackHttpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The request body as Bolt expects it, or null when it is not one of Slack's shapes. */
export function parseSlackBody(rawBody: string, contentType: string | undefined): Record<string, unknown> | null {
  try {
    if (contentType?.startsWith('application/json')) {
      const parsed: unknown = JSON.parse(rawBody);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : null;
    }
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(rawBody);
      const payload = form.get('payload');
      if (payload !== null) return parseSlackBody(payload, 'application/json');
      return Object.fromEntries(form);
    }
  } catch {
    return null;
  }
  return null;
}

function ackResponse(response: unknown): SlackHttpResponse {
  if (response === undefined || response === null || response === '') return { status: 200, body: '' };
  if (typeof response === 'string') return { status: 200, contentType: 'text/plain', body: response };
  return { status: 200, contentType: 'application/json', body: JSON.stringify(response) };
}

export class SlackHttpReceiver implements Receiver {
  private bolt: App | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly signingSecret: string;
  private readonly log: BotLogger;
  private readonly nowMs: () => number;
  private replayGuard: ReplayGuard | undefined;

  constructor(opts: { signingSecret: string; log: BotLogger; nowMs?: () => number }) {
    this.signingSecret = opts.signingSecret;
    this.log = opts.log;
    this.nowMs = opts.nowMs ?? Date.now;
  }

  init(app: App): void {
    this.bolt = app;
  }

  /** Remember the signed requests taken (shared by every web machine) and drop the ones sent again. */
  guardReplays(guard: ReplayGuard): void {
    this.replayGuard = guard;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.drained();
  }

  /** Resolves when every event already acknowledged has finished its work (answers posted, uploads done). */
  async drained(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async handle(req: SlackHttpRequest): Promise<SlackHttpResponse> {
    const verified = verifySlackSignature({
      signingSecret: this.signingSecret,
      rawBody: req.rawBody,
      nowMs: this.nowMs(),
      signature: header(req, 'x-slack-signature'),
      timestamp: header(req, 'x-slack-request-timestamp'),
    });
    if (!verified.ok) {
      this.log.warn({ reason: verified.reason }, 'slack request refused');
      return {
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'Invalid Slack signature', statusCode: 401 }),
      };
    }
    const body = parseSlackBody(req.rawBody, header(req, 'content-type'));
    if (!body || !boltCanRead(body))
      return {
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'Malformed Slack request body', statusCode: 400 }),
      };
    if (body.ssl_check) return { status: 200, body: '' };
    if (body.type === 'url_verification')
      return { status: 200, contentType: 'application/json', body: JSON.stringify({ challenge: body.challenge }) };
    const timestamp = header(req, 'x-slack-request-timestamp')!;
    if (
      this.replayGuard &&
      !(await this.replayGuard(`slack:${timestamp}:${header(req, 'x-slack-signature')!}`, Number(timestamp) * 1000))
    ) {
      this.log.warn({ type: body.type ?? body.command }, 'slack request replayed');
      return { status: 200, body: '' };
    }
    return this.dispatch(body, req);
  }

  private dispatch(body: Record<string, unknown>, req: SlackHttpRequest): Promise<SlackHttpResponse> {
    const bolt = this.bolt;
    if (!bolt) throw new Error('SlackHttpReceiver used before the Bolt app was built');
    return new Promise<SlackHttpResponse>((resolve) => {
      let acked = false;
      const answer = (r: SlackHttpResponse) => {
        if (acked) return;
        acked = true;
        clearTimeout(deadline);
        resolve(r);
      };
      const deadline = setTimeout(() => {
        this.log.warn({ type: body.type ?? body.command }, 'slack request not acknowledged within 3 s');
        answer({ status: 200, body: '' });
      }, ACK_DEADLINE_MS);
      const ack: AckFn<unknown> = async (response) => answer(ackResponse(response));
      const retry = header(req, 'x-slack-retry-num');
      const event: ReceiverEvent = {
        body,
        ack,
        ...(req.requestId ? { customProperties: { requestId: req.requestId } } : {}),
        ...(retry ? { retryNum: Number(retry), retryReason: header(req, 'x-slack-retry-reason') } : {}),
      };
      const work: Promise<void> = bolt
        .processEvent(event)
        .then(
          () => answer({ status: 200, body: '' }),
          (err: unknown) => {
            this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'slack event failed');
            answer({
              status: 500,
              contentType: 'application/json',
              body: JSON.stringify({ error: 'Internal error', statusCode: 500 }),
            });
          },
        )
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
  }
}
