// Building blocks of hostile requests, for every endpoint: bodies of any bytes and shape, header names and
// values a client may send, timestamps outside a signature window, and signatures that look right and are not.
import fc from 'fast-check';

/** Headers that decide how the body is framed or parsed: only the framing property sets them at random. */
const framingHeaders = new Set([
  'content-length',
  'transfer-encoding',
  'content-type',
  'content-encoding',
  'host',
  'connection',
  'expect',
  'upgrade',
]);

const tokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$%&'*+^`|~";

/** A header name (an RFC 9110 token), lower-cased as Node delivers it. */
export const headerName = fc
  .string({ unit: fc.constantFrom(...tokenChars), minLength: 1, maxLength: 24 })
  .map((s) => s.toLowerCase());

/** A header value: any visible ASCII and spaces, sometimes long (no CR/LF: a client cannot send those). */
export const headerValue = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, '').trim()),
  fc.stringMatching(/^[0-9a-fA-F]{0,140}$/),
  fc.integer({ min: 1, max: 10_000 }).map((n) => 'x'.repeat(n)),
);

/** Extra headers that never change the body's framing. */
export const extraHeaders = fc.dictionary(
  headerName.filter((n) => !framingHeaders.has(n)),
  headerValue,
  { maxKeys: 6 },
);

/** Content types the endpoints see: the real ones, their variants, and nonsense that still parses. */
export const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/octet-stream',
    'multipart/form-data; boundary=x',
  ),
  fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,20}$/),
);

/** JSON text of any value (objects, arrays, deep nesting, odd numbers and strings). */
export const jsonText = fc.json({ depthSize: 'small', maxDepth: 6 });

/** A body as bytes are sent: text of any code points, JSON, form pairs, or one byte repeated to a length. */
export const bodyText = (maxBytes: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 3, arbitrary: jsonText },
    {
      weight: 2,
      arbitrary: fc
        .dictionary(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 40 }), { maxKeys: 8 })
        .map((o) => new URLSearchParams(o).toString()),
    },
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: maxBytes }), fc.constantFrom('{', '[', 'a', '"', '\\', '%'))
        .map(([n, c]) => c.repeat(n)),
    },
  );

/** A body as raw bytes, not necessarily UTF-8 (invalid sequences, NUL bytes). */
export const bodyBytes = fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b));

/** Unix seconds now. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Seconds far enough off the clock that a 5-minute window refuses them (clear of rounding at the edge). */
export const outsideWindow = fc.oneof(
  fc.integer({ min: 310, max: 10 * 365 * 86_400 }),
  fc.integer({ min: -10 * 365 * 86_400, max: -310 }),
);

/** Timestamp headers that are not a Unix time at all. */
export const notATimestamp = fc.oneof(
  fc.constantFrom('', ' ', '-1', '1e9', '0x10', 'NaN', 'Infinity', '9999999999999', '1700000000.5'),
  fc
    .string({ unit: 'binary-ascii', minLength: 1, maxLength: 20 })
    .map((s) => s.replace(/[^\x21-\x7e]/g, 'z'))
    .filter((s) => !/^\d{1,12}$/.test(s)),
);

/** A printable random string usable as a header value (ids, names). */
export const visibleText = (maxLength: number) =>
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength }).map((s) => s.replace(/[^\x21-\x7e]/g, '_'));

/** Names every plain object already has: an id used as a key of one finds a function instead of nothing. */
export const prototypeKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty');

/** A Discord-style id. */
export const snowflake = fc.bigInt({ min: 100_000_000_000_000_000n, max: 999_999_999_999_999_999n }).map(String);

/** A JSON object with random keys and values, for the fields a payload may carry. */
export const randomObject = fc.dictionary(fc.string({ maxLength: 16 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 });

/** Flip one character of `text` (or add one to an empty text): a body that differs from what was signed. */
export function tamper(text: string, at: number): string {
  if (text.length === 0) return 'x';
  const i = at % text.length;
  const c = text.charCodeAt(i);
  return text.slice(0, i) + String.fromCharCode(c === 0x41 ? 0x42 : 0x41) + text.slice(i + 1);
}
