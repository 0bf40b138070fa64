// Report link tokens on their own: what signToken writes, readToken accepts, and every way a token can be
// altered (payload bytes, company, kind, expiry, MAC, key, shape) failing the signature.
import { describe, expect, it } from 'vitest';
import { readToken, reportLinkKey, signToken, type TokenPayload } from '../../core/reports/token.ts';

const key = reportLinkKey('k'.repeat(40));
const payload: TokenPayload = {
  tokenId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  companyId: 42,
  kind: 'revenue',
  expiresAt: new Date('2026-04-08T00:00:00Z'),
};
const token = signToken(key, payload);

/** The same payload re-encoded with one field changed, keeping the original MAC. */
function withPayloadByte(t: string, index: number, value: number): string {
  const [body, mac] = t.split('.') as [string, string];
  const bytes = Buffer.from(body, 'base64url');
  bytes[index] = value;
  return `${bytes.toString('base64url')}.${mac}`;
}

describe('report link tokens', () => {
  it('round-trips the payload with a valid signature and stays short', () => {
    expect(readToken(key, token)).toEqual({ signatureValid: true, payload });
    expect(token).toMatch(/^[A-Za-z0-9_-]{39}\.[A-Za-z0-9_-]{43}$/);
  });

  it('is keyed by the secret: another PULSE_SECRET (or purpose) does not verify it', () => {
    expect(readToken(reportLinkKey('j'.repeat(40)), token).signatureValid).toBe(false);
    expect(reportLinkKey('k'.repeat(40)).equals(key)).toBe(true);
  });

  it('binds the company, kind, expiry and token id: changing any payload byte breaks the signature', () => {
    // Byte 22 is the low byte of the company id (uint48 at 17..22): 42 -> 43 reads as company 43.
    const otherCompany = withPayloadByte(token, 22, 43);
    expect(readToken(key, otherCompany)).toEqual({ signatureValid: false, payload: { ...payload, companyId: 43 } });
    const otherKind = withPayloadByte(token, 23, 5); // kind index 5 = member
    expect(readToken(key, otherKind)).toMatchObject({ signatureValid: false, payload: { kind: 'member' } });
    const later = withPayloadByte(token, 24, 0x7f); // expiry pushed far ahead
    expect(readToken(key, later).signatureValid).toBe(false);
    expect(readToken(key, later).payload!.expiresAt.getTime()).toBeGreaterThan(payload.expiresAt.getTime());
    expect(readToken(key, withPayloadByte(token, 5, 0)).signatureValid).toBe(false);
  });

  it('rejects a changed, cut, lengthened or missing MAC', () => {
    const [body, mac] = token.split('.') as [string, string];
    const flipped = `${body}.${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`;
    for (const bad of [
      flipped,
      `${body}.${mac.slice(0, -1)}`,
      `${body}.${mac}A`,
      `${body}.`,
      body,
      `${body}.${mac}.x`,
      `.${mac}`,
    ]) {
      expect(readToken(key, bad).signatureValid).toBe(false);
    }
  });

  it('reads garbage as no payload and no signature, without throwing', () => {
    for (const bad of [
      '',
      '.',
      'x.y',
      '%%%.$$$',
      'a'.repeat(2000),
      `${Buffer.from('{"v":1}').toString('base64url')}.abc`,
    ]) {
      expect(readToken(key, bad)).toEqual({ signatureValid: false, payload: null });
    }
  });
});
