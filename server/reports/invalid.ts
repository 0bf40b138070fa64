// The one page every unusable link gets — malformed, forged, tampered, expired or revoked alike: same
// status, same body, same headers, so nothing tells which it was.
import { html } from './html.ts';
import { document } from './layout.ts';

export const INVALID_STATUS = 404;

export const invalidPage = document(
  'Link expired or invalid',
  html`<main><h1>Link expired or invalid</h1>
<p>This report link has expired, was revoked, or is not a valid link. Ask whoever shared it for a new one.</p></main>`,
);

/** A valid link asked for something it does not have (an unknown period, chart or format). */
export function badRequestPage(message: string): string {
  return document('Bad request', html`<main><h1>Bad request</h1><p>${message}</p></main>`);
}
