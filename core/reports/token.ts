// Report link tokens: base64url(29-byte payload) + '.' + base64url(HMAC-SHA256(payload part)), 83
// characters, keyed with the 'report-links' sub-key of PULSE_SECRET. The payload names the link row (token
// id), its company, kind and expiry; the row decides revocation. Reading a token always computes and compares the MAC (in constant
// time), whatever shape the token has, so a malformed token costs the same as a forged one.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hkdfKey } from '../crypto.ts';
import { reportKinds, type ReportKind } from './kinds.ts';

const MAC_BYTES = 32;
const VERSION = 1;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface TokenPayload {
  tokenId: string;
  companyId: number;
  kind: ReportKind;
  /** Whole seconds. */
  expiresAt: Date;
}

export interface ReadToken {
  /** The MAC matched (constant-time comparison). */
  signatureValid: boolean;
  /** The payload when it parses (whether or not the signature matched). */
  payload: TokenPayload | null;
}

export function reportLinkKey(secret: string): Buffer {
  return hkdfKey(secret, 'report-links');
}

export function isTokenId(value: string): boolean {
  return uuidPattern.test(value);
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body, 'utf8').digest();
}

const PAYLOAD_BYTES = 29;

/** Payload bytes: version (1), token id (16), company id (uint48), kind index (1), expiry seconds (uint40). */
function encodePayload(p: TokenPayload): Buffer {
  const b = Buffer.alloc(PAYLOAD_BYTES);
  b.writeUInt8(VERSION, 0);
  Buffer.from(p.tokenId.replaceAll('-', ''), 'hex').copy(b, 1);
  b.writeUIntBE(p.companyId, 17, 6);
  b.writeUInt8(reportKinds.indexOf(p.kind), 23);
  b.writeUIntBE(Math.floor(p.expiresAt.getTime() / 1000), 24, 5);
  return b;
}

function parsePayload(body: string): TokenPayload | null {
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return null;
  const b = Buffer.from(body, 'base64url');
  if (b.length !== PAYLOAD_BYTES || b.readUInt8(0) !== VERSION) return null;
  const hex = b.subarray(1, 17).toString('hex');
  const tokenId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const companyId = b.readUIntBE(17, 6);
  const kind = reportKinds[b.readUInt8(23)];
  if (!kind || companyId <= 0) return null;
  return { tokenId, companyId, kind, expiresAt: new Date(b.readUIntBE(24, 5) * 1000) };
}

export function signToken(key: Buffer, p: TokenPayload): string {
  if (!isTokenId(p.tokenId)) throw new Error('token id must be a lowercase UUID');
  const body = encodePayload(p).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

export function readToken(key: Buffer, token: string): ReadToken {
  const dot = token.indexOf('.');
  const body = dot < 0 ? token : token.slice(0, dot);
  const given = dot < 0 ? '' : token.slice(dot + 1);
  const expected = mac(key, body);
  const decoded = /^[A-Za-z0-9_-]*$/.test(given) ? Buffer.from(given, 'base64url') : Buffer.alloc(0);
  const sameLength = decoded.length === MAC_BYTES;
  // Compare equal-length buffers in every case, so a wrong length takes the same path as a wrong MAC.
  const candidate = sameLength ? decoded : Buffer.alloc(MAC_BYTES);
  const equal = timingSafeEqual(expected, candidate);
  const canonical = sameLength && candidate.toString('base64url') === given;
  return { signatureValid: equal && sameLength && canonical && dot > 0, payload: parsePayload(body) };
}
