// Whop's app installations API (beta; not in @whop/sdk 0.0.42, so through the SDK's generic request methods):
// Pulse stores its own company id as the installation's external_id, so Whop-side tools and support can find
// the Pulse company of an installation (GET /app_installations?external_id=). external_id is unique per app:
// when another installation of the same company still holds it (an older one), it is released first.
import { APIError, type Whop } from '@whop/sdk';

export interface AppInstallation {
  id: string;
  external_id?: string | null;
  account?: { id?: string; name?: string } | null;
}

export type ExternalIdOutcome = 'stored' | 'failed';

async function patchExternalId(whop: Whop, installationId: string, externalId: string | null): Promise<void> {
  await whop.patch(`/app_installations/${encodeURIComponent(installationId)}`, { body: { external_id: externalId } });
}

/** The installation holding an external_id, if any. */
export async function installationByExternalId(whop: Whop, externalId: string): Promise<AppInstallation | undefined> {
  const page = await whop.get<{ data?: AppInstallation[] }>('/app_installations', {
    query: { external_id: externalId, first: 1 },
  });
  return page.data?.[0];
}

/** Sets the installation's external_id to Pulse's company id; a 409 (held by another installation) is resolved once. */
export async function storeExternalId(
  whop: Whop,
  installationId: string,
  pulseCompanyId: number,
): Promise<ExternalIdOutcome> {
  const externalId = String(pulseCompanyId);
  try {
    await patchExternalId(whop, installationId, externalId);
    return 'stored';
  } catch (err) {
    if (!(err instanceof APIError) || err.status !== 409) throw err;
  }
  const holder = await installationByExternalId(whop, externalId);
  if (!holder || holder.id === installationId) return 'failed';
  await patchExternalId(whop, holder.id, null);
  await patchExternalId(whop, installationId, externalId);
  return 'stored';
}
