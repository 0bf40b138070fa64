// Per-company Whop credentials, sealed with AES-256-GCM under a key derived from PULSE_SECRET and bound to the
// company's Whop id. Companies that installed Pulse as a Whop app are read with the app-level WHOP_API_KEY
// through company_id parameters; a stored key is for companies an operator added without the app.
import type { Config } from '../config.ts';
import { decrypt, encrypt, hkdfKey } from '../crypto.ts';
import { WhopApi, createWhopClient } from './client.ts';
import type { CompanyRef } from '../companies/company.repository.ts';
import { rows, type Queryable } from '../db/queryable.ts';
import type { RetryPolicy } from './retry.ts';
import { PulseError } from '../errors.ts';

/** Sealed credentials that this PULSE_SECRET cannot open (the secret changed, or the row was tampered with). */
export class CredentialsUnreadable extends PulseError {}

export const credentialsPurpose = 'whop-credentials';

export interface WhopCredentials {
  apiKey: string;
}

export function sealCredentials(pulseSecret: string, whopCompanyId: string, creds: WhopCredentials): Buffer {
  return encrypt(hkdfKey(pulseSecret, credentialsPurpose), JSON.stringify(creds), whopCompanyId);
}

export function openCredentials(pulseSecret: string, whopCompanyId: string, sealed: Uint8Array): WhopCredentials {
  let plain: string;
  try {
    plain = decrypt(hkdfKey(pulseSecret, credentialsPurpose), sealed, whopCompanyId);
  } catch {
    throw new CredentialsUnreadable(
      `the stored Whop key of ${whopCompanyId} cannot be decrypted with this PULSE_SECRET (was it changed?): store the key again`,
    );
  }
  const parsed = JSON.parse(plain) as Partial<WhopCredentials>;
  if (typeof parsed.apiKey !== 'string' || !parsed.apiKey) throw new Error('stored Whop credentials are incomplete');
  return { apiKey: parsed.apiKey };
}

export async function storeCompanyCredentials(
  db: Queryable,
  pulseSecret: string,
  companyId: number,
  creds: WhopCredentials,
): Promise<void> {
  const [company] = await rows<{ whop_company_id: string }>(db, 'select whop_company_id from companies where id = $1', [
    companyId,
  ]);
  if (!company) throw new Error(`no company ${companyId}`);
  await db.query('update companies set credentials_enc = $2, updated_at = now() where id = $1', [
    companyId,
    sealCredentials(pulseSecret, company.whop_company_id, creds),
  ]);
}

type WhopConfig = Pick<Config, 'PULSE_SECRET' | 'WHOP_API_KEY' | 'WHOP_API_BASE_URL' | 'WHOP_WEBHOOK_SECRET'>;

/**
 * The API client to read one company. A company that installed Pulse as a Whop app is read with the app key
 * (every call names it with company_id); a stored key is the operator's option for a company without the app
 * (`pulse company add --key-stdin`), and the app key is the fallback for everyone else.
 */
export async function whopApiForCompany(
  db: Queryable,
  config: WhopConfig,
  company: CompanyRef,
  policy?: RetryPolicy,
): Promise<WhopApi> {
  const [row] = await rows<{ credentials_enc: Buffer | null; installed: boolean }>(
    db,
    'select credentials_enc, (whop_installation_id is not null and uninstalled_at is null) as installed from companies where id = $1',
    [company.id],
  );
  const useOwn = row?.credentials_enc && !(row.installed && config.WHOP_API_KEY);
  const own = useOwn
    ? openCredentials(config.PULSE_SECRET, company.whopCompanyId, row.credentials_enc!).apiKey
    : undefined;
  const apiKey = own ?? config.WHOP_API_KEY;
  if (!apiKey)
    throw new Error(`no Whop credentials for company ${company.whopCompanyId}: store a key or set WHOP_API_KEY`);
  return new WhopApi(createWhopClient({ apiKey, baseURL: config.WHOP_API_BASE_URL }), policy);
}
