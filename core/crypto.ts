// Keys derived from PULSE_SECRET with HKDF-SHA256 (one sub-key per purpose), and AES-256-GCM for the
// credentials stored in companies.credentials_enc (iv ‖ tag ‖ ciphertext, docs/data-model.md).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT = 'pulse/v1';

/** A 32-byte key for one purpose ("whop-credentials", "report-links", ...), derived from the app secret. */
export function hkdfKey(secret: string, purpose: string, bytes = 32): Buffer {
  if (secret.length < 32) throw new Error('PULSE_SECRET must be at least 32 bytes');
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from(SALT), Buffer.from(purpose, 'utf8'), bytes),
  );
}

/** AES-256-GCM with a fresh random IV; `context` is bound as associated data (e.g. the company id). */
export function encrypt(key: Buffer, plaintext: string, context = ''): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Inverse of encrypt; throws when the key, the context or a single byte differs. */
export function decrypt(key: Buffer, sealed: Uint8Array, context = ''): string {
  const buf = Buffer.from(sealed);
  if (buf.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
