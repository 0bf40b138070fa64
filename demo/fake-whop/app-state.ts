// The fake's side of Pulse as a Whop app: installations (with external_id, unique per app), checkout
// configurations of Pulse's own plans (their metadata copied onto the memberships a purchase creates),
// permission refusals (403 insufficient_scope for a resource, optionally for one company), and the signed app
// webhooks those changes send, which carry `account_id` as webhooks pinned to newer API versions do.
import { randomUUID } from 'node:crypto';
import type { Membership } from '@whop/sdk/resources/shared';
import { Collection } from './collection.ts';
import { emptyCompany } from './dataset.ts';
import { companyStore, type CompanyStore, type FakeStore } from './store.ts';
import { sendWebhook, type SendResult, type WebhookEnvelope, type WebhookTarget } from './webhook-sender.ts';

export interface FakeInstallation {
  id: string;
  account: { id: string; name: string };
  app: { id: string };
  created_at: string;
  external_id: string | null;
  metadata: Record<string, string>;
}

export interface FakeCheckout {
  id: string;
  account_id: string;
  plan: { id: string };
  mode: 'payment';
  metadata: Record<string, unknown> | null;
  purchase_url: string;
  redirect_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface FakeAppOptions {
  /** The app's id (app_…). */
  appId?: string;
  /** Pulse's own Whop company, which sells the tier plans. */
  ownerCompanyId?: string;
  /** Plan ids of the tiers Pulse sells (created in the owner company when missing). */
  plans?: { pro?: string; enterprise?: string };
}

export type AppEnvelope = WebhookEnvelope & { account_id: string };
export interface AppMutation {
  envelope: AppEnvelope;
  delivery?: SendResult;
}

const stamp = () => new Date().toISOString();
const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

export class FakeApp {
  readonly appId: string;
  readonly ownerCompanyId: string;
  readonly installations = new Map<string, FakeInstallation>();
  readonly checkouts = new Map<string, FakeCheckout>();
  /** `path` (every company) or `path company_id` (one company) answered 403 insufficient_scope. */
  readonly refusals = new Set<string>();
  /** Set by the server once it listens: the base of purchase URLs. */
  baseUrl = 'http://fake-whop.invalid';
  private readonly store: FakeStore;
  private readonly target: () => WebhookTarget | undefined;

  constructor(store: FakeStore, target: () => WebhookTarget | undefined, o: FakeAppOptions = {}) {
    this.store = store;
    this.target = target;
    this.appId = o.appId ?? 'app_fakepulse';
    this.ownerCompanyId = o.ownerCompanyId ?? 'biz_pulseowner';
    if (!store.companies.has(this.ownerCompanyId))
      store.companies.set(this.ownerCompanyId, companyStore(emptyCompany(this.ownerCompanyId, 'Pulse')));
    for (const [tier, id] of Object.entries(o.plans ?? {})) if (id) this.addPlan(id, tier);
  }

  storeCompanies(): Iterable<CompanyStore> {
    return this.store.companies.values();
  }

  get owner(): CompanyStore {
    return this.store.company(this.ownerCompanyId);
  }

  private addPlan(id: string, tier: string): void {
    if (this.owner.plans.get(id)) return;
    const at = stamp();
    this.owner.plans.put({
      id,
      title: `Pulse ${tier}`,
      plan_type: 'renewal',
      billing_period: 30,
      initial_price: 0,
      renewal_price: tier === 'pro' ? 79 : 199,
      currency: 'usd',
      trial_period_days: null,
      visibility: 'visible',
      created_at: at,
      updated_at: at,
      account: { id: this.ownerCompanyId, title: 'Pulse' },
      company: { id: this.ownerCompanyId, title: 'Pulse' },
      product: null,
    } as never);
  }

  /** Refuse a resource (e.g. "/payments") with 403 insufficient_scope, for one company or for all. */
  refuse(path: string, companyId?: string): void {
    this.refusals.add(companyId ? `${path} ${companyId}` : path);
  }

  isRefused(path: string, query: URLSearchParams): boolean {
    const company = query.get('company_id') ?? query.get('account_id');
    return this.refusals.has(path) || (company !== null && this.refusals.has(`${path} ${company}`));
  }

  private async emit(type: string, data: unknown, accountId: string): Promise<AppMutation> {
    const envelope: AppEnvelope = {
      id: newId('msg'),
      api_version: 'v1',
      type,
      timestamp: stamp(),
      data,
      account_id: accountId,
    };
    const target = this.target();
    return { envelope, delivery: target ? await sendWebhook(target, envelope) : undefined };
  }

  /** A creator installs the app: the installation exists and app_installation.created is sent. */
  async install(companyId: string, name = companyId): Promise<{ installation: FakeInstallation } & AppMutation> {
    const previous = [...this.installations.values()].find((i) => i.account.id === companyId);
    const installation: FakeInstallation = {
      id: newId('aag'),
      account: { id: companyId, name },
      app: { id: this.appId },
      created_at: previous?.created_at ?? stamp(),
      external_id: null,
      metadata: previous?.metadata ?? {},
    };
    if (previous) this.installations.delete(previous.id);
    this.installations.set(installation.id, installation);
    return { installation, ...(await this.emit('app_installation.created', installation, companyId)) };
  }

  /** The creator uninstalls: the installation goes and app_installation.deleted is sent. */
  async uninstall(installationId: string): Promise<AppMutation> {
    const installation = this.installations.get(installationId);
    if (!installation) throw new Error(`no installation ${installationId}`);
    this.installations.delete(installationId);
    return this.emit('app_installation.deleted', installation, installation.account.id);
  }

  createCheckout(body: { plan_id?: unknown; metadata?: unknown; redirect_url?: unknown }): FakeCheckout {
    const planId = typeof body.plan_id === 'string' ? body.plan_id : '';
    const owner = [...this.store.companies.values()].find((c) => c.plans.get(planId));
    if (!owner) throw Object.assign(new Error(`plan ${planId} not found`), { status: 404 });
    const id = newId('ch');
    const at = stamp();
    const checkout: FakeCheckout = {
      id,
      account_id: owner.company.id,
      plan: { id: planId },
      mode: 'payment',
      created_at: at,
      updated_at: at,
      metadata: body.metadata && typeof body.metadata === 'object' ? (body.metadata as Record<string, unknown>) : null,
      purchase_url: `${this.baseUrl.replace(/\/api\/v1$/, '')}/checkout/${id}`,
      redirect_url: typeof body.redirect_url === 'string' ? body.redirect_url : null,
    };
    this.checkouts.set(id, checkout);
    return checkout;
  }

  /** Someone pays a checkout: a membership of its plan, carrying its metadata, and membership.activated. */
  async purchase(checkoutId: string, userId = newId('user')): Promise<{ membership: Membership } & AppMutation> {
    const checkout = this.checkouts.get(checkoutId);
    if (!checkout) throw new Error(`no checkout ${checkoutId}`);
    const at = stamp();
    const membership = {
      id: newId('mem'),
      status: 'active',
      cancel_at_period_end: false,
      cancel_option: null,
      canceled_at: null,
      cancellation_reason: null,
      checkout_configuration_id: checkout.id,
      company: { id: checkout.account_id, title: 'Pulse' },
      created_at: at,
      updated_at: at,
      currency: 'usd',
      joined_at: at,
      license_key: null,
      manage_url: null,
      member: { id: newId('mber') },
      metadata: checkout.metadata,
      payment_collection_paused: false,
      plan: { id: checkout.plan.id },
      product: { id: 'prod_pulse', title: 'Pulse' },
      promo_code: null,
      renewal_period_start: at,
      renewal_period_end: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      user: { id: userId, email: null, name: null, username: userId },
    } as unknown as Membership;
    this.store.company(checkout.account_id).memberships.put(membership);
    return { membership, ...(await this.emit('membership.activated', membership, checkout.account_id)) };
  }

  /** The membership ends (not renewed, canceled); `silent` changes it on Whop without sending the webhook. */
  async lapse(membershipId: string, opts: { silent?: boolean } = {}): Promise<AppMutation | undefined> {
    const col = this.owner.memberships;
    const before = col.get(membershipId);
    if (!before) throw new Error(`no membership ${membershipId}`);
    const after = { ...before, status: 'expired', updated_at: stamp() } as Membership;
    col.put(after);
    return opts.silent ? undefined : this.emit('membership.deactivated', after, this.ownerCompanyId);
  }

  /** Whop stops returning a membership at all (neither listed nor retrievable): absence, not a lapse. */
  hideMembership(membershipId: string): void {
    const c = this.owner;
    c.memberships = new Collection(
      c.memberships.all().filter((m) => m.id !== membershipId),
      (m) => m.id,
      (m) => m.created_at,
    );
  }
}
