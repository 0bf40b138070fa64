// Ed25519 verification of Discord's HTTP interactions (X-Signature-Ed25519 over timestamp + raw body) with
// node:crypto alone: the app's 32-byte public key imported as a JWK (docs/toolchain.md#discordjs-rest-through-fetch).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** How far a request's timestamp may be from our clock (seconds): an old signed body cannot be replayed. */
export const SIGNATURE_TOLERANCE_S = 300;

/** The application's public key (64 hex characters, as the developer portal shows it). */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hex characters');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
    format: 'jwk',
  });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** Checks the two headers against the exact bytes received; `nowMs` is the real clock (not a pinned one). */
export function verifyDiscordSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  rawBody: string,
  nowMs = Date.now(),
): SignatureCheck {
  if (!signature || !timestamp) return { ok: false, reason: 'missing' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_S) return { ok: false, reason: 'stale' };
  const valid = verify(null, Buffer.from(timestamp + rawBody, 'utf8'), key, Buffer.from(signature, 'hex'));
  return valid ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/**
 * A signed Discord request's body: the signature checked over the raw bytes, then the JSON parsed (undefined when it
 * is not JSON; the caller says what shape it wants). Both Discord endpoints (interactions, webhook events) take it.
 */
export function verifiedDiscordJson(
  key: KeyObject,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  nowMs = Date.now(),
): { ok: true; json: unknown } | { ok: false; reason: string } {
  const header = (name: string) => {
    const v = headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const check = verifyDiscordSignature(
    key,
    header('x-signature-ed25519'),
    header('x-signature-timestamp'),
    rawBody,
    nowMs,
  );
  if (!check.ok) return check;
  try {
    return { ok: true, json: JSON.parse(rawBody) as unknown };
  } catch {
    return { ok: true, json: undefined };
  }
}
