// The OAuth `state` of Slack installs in progress. The value is 24 random bytes that live only in the authorize
// URL and the installer's cookie; the row is keyed by its SHA-256 and holds what the install carries (scopes,
// redirect URI, the install grant) sealed under an HKDF sub-key of PULSE_SECRET. A state is consumed by the
// callback that presents it: a second use, an unknown value or an expired one finds no row.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/queryable.ts';
import { decrypt, encrypt, hkdfKey } from '../crypto.ts';

const PURPOSE = 'slack-oauth-states';
/** Longest state accepted (ours are 32 characters); anything longer is not ours and is not hashed. */
const MAX_STATE = 128;

const stateId = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

/** A new state for `options` (JSON), valid `ttlMs`; expired states of earlier installs are deleted on the way. */
export async function createSlackOAuthState(
  db: Queryable,
  secret: string,
  options: unknown,
  now: Date,
  ttlMs: number,
): Promise<string> {
  const state = randomBytes(24).toString('base64url');
  const id = stateId(state);
  await db.query('delete from slack_oauth_states where expires_at < $1', [now]);
  await db.query('insert into slack_oauth_states (id, options_enc, created_at, expires_at) values ($1, $2, $3, $4)', [
    id,
    encrypt(hkdfKey(secret, PURPOSE), JSON.stringify(options), id),
    now,
    new Date(now.getTime() + ttlMs),
  ]);
  return state;
}

/** The options the state was made for, once; null for a forged, reused or expired state. */
export async function consumeSlackOAuthState(
  db: Queryable,
  secret: string,
  state: string,
  now: Date,
): Promise<unknown> {
  if (!state || state.length > MAX_STATE) return null;
  const id = stateId(state);
  const { rows } = await db.query<{ options_enc: Buffer }>(
    'delete from slack_oauth_states where id = $1 and expires_at > $2 returning options_enc',
    [id, now],
  );
  if (!rows[0]) return null;
  return JSON.parse(decrypt(hkdfKey(secret, PURPOSE), rows[0].options_enc, id)) as unknown;
}
