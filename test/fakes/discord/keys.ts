// A test Ed25519 key pair standing in for a Discord application's, and a signer that signs interaction
// bodies exactly as Discord does: X-Signature-Ed25519 = hex(sign(timestamp + body)), X-Signature-Timestamp.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface TestDiscordKeys {
  /** 64 hex characters, as DISCORD_PUBLIC_KEY. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function testDiscordKeys(): TestDiscordKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { publicKeyHex: Buffer.from(jwk.x!, 'base64url').toString('hex'), privateKey };
}

export interface SignedInteraction {
  body: string;
  headers: Record<string, string>;
}

/** Signs `payload` (an object, or the exact body text) at `timestamp` (Unix seconds; default now). */
export function signInteraction(
  keys: TestDiscordKeys,
  payload: unknown,
  timestamp = Math.floor(Date.now() / 1000),
): SignedInteraction {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const ts = String(timestamp);
  const signature = sign(null, Buffer.from(ts + body, 'utf8'), keys.privateKey).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': ts,
      'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
    },
  };
}
