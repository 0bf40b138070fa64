// chat_request_replays: signed chat requests already taken (core/chat/request-replays.repository.ts), keyed by
// the Discord interaction id or the Slack signature and timestamp; kept until the signature could no longer be
// accepted, then pruned by retention:prune.
import { defineEntity, p } from '@mikro-orm/core';

export const ChatRequestReplay = defineEntity({
  name: 'ChatRequestReplay',
  tableName: 'chat_request_replays',
  properties: {
    /** `discord:<interaction id>` or `slack:<timestamp>:<signature>`. */
    key: p.text().primary(),
    /** After this the request's signature is refused anyway: the row may go. */
    expiresAt: p.datetime(),
  },
  indexes: [{ properties: ['expiresAt'] }],
});
