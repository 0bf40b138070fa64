// Requests whose framing is wrong, for any POST endpoint: a body over the route's limit, a Content-Length that
// lies (shorter or longer than the body), a Content-Type that does not parse. Each carries a correct signature
// over the bytes it sends, so the refusal comes from the framing, not from a missing signature.
import fc from 'fast-check';
import { extraHeaders } from './arbitraries.ts';
import type { FuzzRequest } from './fuzz-app.ts';

export type Signer = (body: string) => Record<string, string>;

const badContentType = fc.constantFrom(
  '',
  ';',
  '/',
  'application/',
  '/json',
  'text plain',
  'a/b; =x',
  'application/json; charset',
  '%%',
);

/**
 * Statuses a framing error may get: 400 (length mismatch), 413, 415, or 401 when the length cut the body short of
 * what was signed and the route read what arrived.
 */
export const FRAMING_STATUSES = [400, 401, 413, 415];

export function badlyFramed(
  url: string,
  bodyLimit: number,
  sign: Signer,
): fc.Arbitrary<FuzzRequest & { flaw: string }> {
  const small = fc.string({ minLength: 1, maxLength: 200 });
  return fc
    .oneof(
      fc
        .tuple(fc.integer({ min: bodyLimit + 1, max: bodyLimit + 64 * 1024 }), fc.constantFrom('a', '{', ' '))
        .map(([n, c]) => ({ flaw: 'over the limit', body: c.repeat(n), headers: {} })),
      fc.tuple(small, fc.nat()).map(([body, cut]) => ({
        flaw: 'content-length short',
        body,
        headers: { 'content-length': String(cut % Buffer.byteLength(body)) },
      })),
      fc.tuple(small, fc.integer({ min: 1, max: 1000 })).map(([body, more]) => ({
        flaw: 'content-length long',
        body,
        headers: { 'content-length': String(Buffer.byteLength(body) + more) },
      })),
      fc
        .tuple(small, badContentType)
        .map(([body, type]) => ({ flaw: 'content-type', body, headers: { 'content-type': type } })),
    )
    .chain((f) =>
      extraHeaders.map((extra) => ({
        flaw: f.flaw,
        method: 'POST' as const,
        url,
        payload: f.body,
        headers: { ...extra, 'content-type': 'application/json', ...sign(f.body), ...f.headers },
      })),
    );
}
