// The fake's support chats, as @whop/sdk 0.0.42 reaches them: POST /support_channels { company_id, user_id }
// opens the company's one-on-one support chat with a customer (the existing one comes back for the same
// customer) and POST /messages { channel_id, content } posts in it. A key may act only for its own company, the
// user must be a member of that company (else 404), and a key denied a path (identity deniedPaths) gets 403
// insufficient_scope before reaching here. Every delivered message is recorded for the tests to count.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Message, SupportChannel } from '@whop/sdk/resources/shared';
import { ApiError, type Access, type ApiResult } from './routes.ts';
import type { FakeStore } from './store.ts';

export interface DeliveredMessage {
  companyId: string;
  /** The customer the support chat is with. */
  userId: string;
  channelId: string;
  message: Message;
}

/** Who posts: the app's bot user, as Whop shows an app's messages. */
const appUser = { id: 'user_pulseapp0001', name: 'Pulse', username: 'pulse-app' };
const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

export class FakeSupportChat {
  /** `company:user` → the support chat. */
  readonly channels = new Map<string, SupportChannel>();
  readonly delivered: DeliveredMessage[] = [];

  messagesTo(userId: string): DeliveredMessage[] {
    return this.delivered.filter((d) => d.userId === userId);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    /* answered below */
  }
  throw new ApiError(400, 'invalid_request_error', 'body must be a JSON object');
}

const text = (v: unknown, name: string): string => {
  if (typeof v !== 'string' || v.trim() === '') throw new ApiError(400, 'invalid_request_error', `${name} is required`);
  return v;
};

/** The answer to a support-chat request, or undefined for any other path. */
export async function supportChatRoute(
  chat: FakeSupportChat,
  store: FakeStore,
  req: IncomingMessage,
  path: string,
  access: Access,
): Promise<ApiResult | undefined> {
  if (req.method !== 'POST' || (path !== '/support_channels' && path !== '/messages')) return undefined;
  try {
    const body = await readJson(req);
    return path === '/support_channels' ? openChannel(chat, store, body, access) : postMessage(chat, body, access);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { status: err.status, body: { error: { type: err.type, message: err.message } } };
  }
}

function openChannel(
  chat: FakeSupportChat,
  store: FakeStore,
  body: Record<string, unknown>,
  access: Access,
): ApiResult {
  const companyId = text(body.company_id, 'company_id');
  const userId = text(body.user_id, 'user_id');
  if (!access(companyId)) throw new ApiError(403, 'forbidden', 'You do not have permission to access this resource');
  const company = store.companies.get(companyId);
  if (!company) throw new ApiError(404, 'not_found', 'Company not found');
  const member = company.members.all().find((m) => m.user?.id === userId || m.user?.username === userId);
  if (!member?.user) throw new ApiError(404, 'not_found', 'User not found');
  const key = `${companyId}:${member.user.id}`;
  const existing = chat.channels.get(key);
  if (existing) return { status: 200, body: existing };
  const channel: SupportChannel = {
    id: newId('feed'),
    company_id: companyId,
    custom_name: null,
    resolved_at: null,
    last_message_at: null,
    customer_user: { id: member.user.id, name: member.user.name, username: member.user.username },
  };
  chat.channels.set(key, channel);
  return { status: 200, body: channel };
}

function postMessage(chat: FakeSupportChat, body: Record<string, unknown>, access: Access): ApiResult {
  const channelId = text(body.channel_id, 'channel_id');
  const content = text(body.content, 'content');
  const entry = [...chat.channels.entries()].find(([, c]) => c.id === channelId);
  if (!entry) throw new ApiError(404, 'not_found', 'Channel not found');
  const [key, channel] = entry;
  if (!access(channel.company_id ?? ''))
    throw new ApiError(403, 'forbidden', 'You do not have permission to access this resource');
  const now = new Date().toISOString();
  const message: Message = {
    id: newId('post'),
    content,
    created_at: now,
    updated_at: now,
    is_edited: false,
    is_pinned: false,
    mentions: [],
    mentions_everyone: false,
    message_type: 'regular',
    poll: null,
    poll_votes: [],
    reaction_counts: [],
    replying_to_message_id: null,
    user: appUser,
    view_count: null,
  };
  chat.channels.set(key, { ...channel, last_message_at: now });
  chat.delivered.push({
    companyId: channel.company_id ?? '',
    userId: channel.customer_user?.id ?? '',
    channelId,
    message,
  });
  return { status: 200, body: message };
}
