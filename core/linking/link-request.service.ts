// Making the link `/pulse setup` answers with in an unlinked workspace: a link_requests row (15 minutes,
// single use) and its signed URL `${PUBLIC_URL}/link/<token>`, bound to the platform, the workspace and the
// person who asked.
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Queryable } from '../db/queryable.ts';
import type { ChatPlatform } from '../tenancy/index.ts';
import { insertLinkRequest } from './link-requests.repository.ts';
import { LINK_TTL_MS, signLinkToken } from './link-token.ts';

export interface CreatedLinkRequest {
  requestId: string;
  token: string;
  url: string;
  expiresAt: Date;
}

export async function createLinkRequest(
  deps: { db: Queryable; config: Pick<Config, 'PULSE_SECRET' | 'PUBLIC_URL'>; now: () => Date },
  input: { platform: ChatPlatform; externalId: string; requestedBy: string; channelId?: string | null },
): Promise<CreatedLinkRequest> {
  const createdAt = deps.now();
  // Whole seconds: the token carries seconds, and the row must expire at the same instant.
  const expiresAt = new Date(Math.floor((createdAt.getTime() + LINK_TTL_MS) / 1000) * 1000);
  const row = await insertLinkRequest(deps.db, { id: randomUUID(), ...input, createdAt, expiresAt });
  const token = signLinkToken(deps.config.PULSE_SECRET, {
    requestId: row.id,
    platform: input.platform,
    externalId: input.externalId,
    requestedBy: input.requestedBy,
    expiresAt,
  });
  return { requestId: row.id, token, url: `${deps.config.PUBLIC_URL.replace(/\/+$/, '')}/link/${token}`, expiresAt };
}
