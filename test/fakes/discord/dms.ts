// The fake Discord's direct messages: POST /users/@me/channels { recipient_id } opens (or returns) the DM
// channel with a user (type 1), and a message posted in it is delivered unless Discord would refuse: a user who
// shares no server with the bot or turned off DMs from server members gets 403 "Cannot send messages to this
// user" (code 50007), as Discord answers. Delivered DMs are recorded per user (a nonce replay delivers nothing new).
import type { ServerResponse } from 'node:http';
import type { Route } from './guilds.ts';
import { sendError, sendJson, snowflake } from './wire.ts';

export interface DeliveredDm {
  userId: string;
  channelId: string;
  messageId: string;
  content: string;
  allowedMentions: unknown;
}

export interface DmState {
  /** DM channel id → the user it is with. */
  channels: Map<string, string>;
  /** Users Discord refuses DMs to (50007). */
  closed: Set<string>;
  delivered: DeliveredDm[];
}

export const newDmState = (): DmState => ({ channels: new Map(), closed: new Set(), delivered: [] });

export function dmRoutes(s: DmState): Route[] {
  return [
    [
      'POST',
      /^\/users\/@me\/channels$/,
      true,
      (r, _p, res) => {
        const recipient = r.json?.recipient_id;
        if (typeof recipient !== 'string' || !/^\d{5,25}$/.test(recipient)) {
          return sendJson(res, 400, {
            message: 'Invalid Form Body',
            code: 50035,
            errors: { recipient_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: 'Value is not snowflake.' }] } },
          });
        }
        const existing = [...s.channels.entries()].find(([, user]) => user === recipient)?.[0];
        const id = existing ?? snowflake();
        s.channels.set(id, recipient);
        sendJson(res, 200, {
          id,
          type: 1,
          last_message_id: null,
          flags: 0,
          recipients: [
            {
              id: recipient,
              username: `user${recipient.slice(-4)}`,
              discriminator: '0',
              avatar: null,
              global_name: null,
            },
          ],
        });
      },
    ],
  ];
}

/** A post in a DM channel Discord would refuse (true: answered here). */
export function refusedDm(s: DmState, channelId: string, res: ServerResponse): boolean {
  const user = s.channels.get(channelId);
  if (user === undefined || !s.closed.has(user)) return false;
  sendError(res, 403, 'Cannot send messages to this user', 50007);
  return true;
}

/** Records a newly created message when it went to a DM channel. */
export function recordDm(
  s: DmState,
  channelId: string,
  message: { id: string; content: string },
  allowedMentions: unknown,
): void {
  const user = s.channels.get(channelId);
  if (user !== undefined)
    s.delivered.push({ userId: user, channelId, messageId: message.id, content: message.content, allowedMentions });
}
