// A fake OpenAI-compatible chat completions endpoint on a real loopback port (node:http): POST
// /v1/chat/completions with bearer auth. It checks each request (model, messages and their roles, tool
// definitions, tool results answering earlier tool calls), records it, and answers from a script — a tool
// call, then a final message once the tool result is back. Switches: HTTP 500, 429, and a slow response.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkChatRequest, type ChatRequestBody } from './checks.ts';

export interface RecordedRequest {
  authorization: string | undefined;
  body: ChatRequestBody;
}

/** One scripted reply: tool calls, or a final message. A function sees the request it answers. */
export type ScriptedReply =
  | { toolCalls: Array<{ name: string; arguments: unknown }>; content?: string }
  | { content: string };
export type Responder = ScriptedReply | ((body: ChatRequestBody) => ScriptedReply);

export type FakeMode =
  | { kind: 'ok' }
  | { kind: 'error500' }
  | { kind: 'rate_limited' }
  | { kind: 'slow'; delayMs: number };

export interface FakeOpenAI {
  /** Base URL for the SDK, ending in /v1. */
  url: string;
  apiKey: string;
  model: string;
  requests: RecordedRequest[];
  /** Requests refused because they broke the protocol, with the reason. */
  refused: string[];
  /** Replies for the next requests, in order; when none is left the answer is a plain final message. */
  script(replies: Responder[]): void;
  setMode(mode: FakeMode): void;
  /** Tokens the fake reports per response. */
  usagePerResponse: { prompt: number; completion: number };
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const apiError = (message: string, type: string, code: string | null = null) => ({
  error: { message, type, param: null, code },
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOpenAI(opts: { apiKey?: string; model?: string } = {}): Promise<FakeOpenAI> {
  const apiKey = opts.apiKey ?? 'sk-fake-coach-key';
  const model = opts.model ?? 'fake-coach-1';
  let queue: Responder[] = [];
  let mode: FakeMode = { kind: 'ok' };
  let calls = 0;
  const fake = {
    url: '',
    apiKey,
    model,
    requests: [] as RecordedRequest[],
    refused: [] as string[],
    usagePerResponse: { prompt: 100, completion: 20 },
    script(replies: Responder[]) {
      queue = [...replies];
    },
    setMode(m: FakeMode) {
      mode = m;
    },
    close: async () => undefined as void,
  };

  const reply = (body: ChatRequestBody): unknown => {
    const next = queue.shift() ?? { content: 'All good.' };
    const r = typeof next === 'function' ? next(body) : next;
    const toolCalls =
      'toolCalls' in r
        ? r.toolCalls.map((c) => ({
            id: `call_fake_${++calls}`,
            type: 'function',
            function: {
              name: c.name,
              arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
            },
          }))
        : undefined;
    const { prompt, completion } = fake.usagePerResponse;
    return {
      id: `chatcmpl-fake-${calls}-${fake.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          logprobs: null,
          finish_reason: toolCalls ? 'tool_calls' : 'stop',
          message: {
            role: 'assistant',
            content: r.content ?? null,
            refusal: null,
            ...(toolCalls ? { tool_calls: toolCalls } : {}),
          },
        },
      ],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method !== 'POST' || path !== '/v1/chat/completions')
      return send(
        res,
        404,
        apiError(`Unknown request URL: ${req.method} ${path}`, 'invalid_request_error', 'unknown_url'),
      );
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return send(res, 401, apiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    let body: ChatRequestBody;
    try {
      body = JSON.parse(await readBody(req)) as ChatRequestBody;
    } catch {
      return send(res, 400, apiError('We could not parse the JSON body of your request.', 'invalid_request_error'));
    }
    fake.requests.push({ authorization: req.headers.authorization, body });
    const problem = checkChatRequest(body, model);
    if (problem) {
      fake.refused.push(problem);
      return send(res, problem.startsWith('model') ? 404 : 400, apiError(problem, 'invalid_request_error'));
    }
    if (mode.kind === 'error500')
      return send(res, 500, apiError('The server had an error while processing your request.', 'server_error'));
    if (mode.kind === 'rate_limited')
      return send(res, 429, apiError('Rate limit reached for requests.', 'requests', 'rate_limit_exceeded'), {
        'retry-after': '0',
      });
    if (mode.kind === 'slow') await new Promise((r) => setTimeout(r, mode.kind === 'slow' ? mode.delayMs : 0));
    send(res, 200, reply(body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, apiError(String(err), 'server_error')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
