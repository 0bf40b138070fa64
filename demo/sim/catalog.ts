// The simulated company, its products and plans, as Whop v1 objects.
import type { Company, Plan, Product } from '@whop/sdk/resources/shared';
import type { IdMaker } from './ids.ts';
import { PLAN_SPECS, type PlanKey, type ProductKey } from './plans.ts';
import type { Rng } from '../../core/random.ts';
import { DAY_MS, iso } from './time.ts';

const NAMES = ['Alpha Traders', 'Pixel Academy', 'Growth Lab', 'Sneaker Signals', 'Creator Circle', 'Focus Club'];

export interface Catalog {
  company: Company;
  products: Product[];
  plans: Plan[];
  productIds: Record<ProductKey, string>;
  planIds: Record<PlanKey, string>;
}

export function buildCatalog(rng: Rng, ids: IdMaker, companyId: string, createdMs: number): Catalog {
  const title = rng.pick(NAMES);
  const route = title.toLowerCase().replace(/\s+/g, '-');
  const owner = { id: ids.make('user', 0), name: 'Sam Creator', username: 'samcreator' };
  const created = iso(createdMs);
  const company: Company = {
    id: companyId,
    affiliate_instructions: null,
    created_at: created,
    description: `${title} on Whop`,
    featured_affiliate_product: null,
    logo: null,
    member_count: 0,
    metadata: null,
    owner_user: owner,
    published_reviews_count: 0,
    route,
    send_customer_emails: true,
    social_links: [],
    target_audience: null,
    title,
    updated_at: created,
    verified: true,
  };
  const productTitles: Record<ProductKey, string> = {
    pro: `${title} Pro`,
    free: `${title} Free`,
    course: `${title} Masterclass`,
  };
  const productIds = {} as Record<ProductKey, string>;
  const products = (['pro', 'free', 'course'] as const).map((key, i): Product => {
    const id = ids.next('prod');
    productIds[key] = id;
    const at = iso(createdMs + (i + 1) * 3_600_000);
    return {
      id,
      company: { id: companyId, route, title },
      created_at: at,
      custom_cta: 'join',
      custom_cta_url: null,
      custom_statement_descriptor: null,
      description: null,
      external_identifier: null,
      gallery_images: [],
      global_affiliate_percentage: null,
      global_affiliate_status: 'disabled',
      headline: productTitles[key],
      member_affiliate_percentage: null,
      member_affiliate_status: 'disabled',
      member_count: 0,
      metadata: null,
      owner_user: owner,
      product_tax_code: null,
      published_reviews_count: 0,
      route: `${route}-${key}`,
      title: productTitles[key],
      updated_at: at,
      verified: true,
      visibility: 'visible',
    };
  });
  const planIds = {} as Record<PlanKey, string>;
  const plans = PLAN_SPECS.map((s, i): Plan => {
    const id = ids.next('plan');
    planIds[s.key] = id;
    const at = iso(createdMs + DAY_MS + i * 600_000);
    return {
      id,
      account: { id: companyId },
      adaptive_pricing_enabled: false,
      billing_period: s.periodDays,
      collect_tax: false,
      created_at: at,
      currency: 'usd',
      custom_fields: [],
      description: null,
      expiration_days: null,
      initial_price: s.price,
      internal_notes: null,
      invoice: null,
      member_count: 0,
      metadata: null,
      payment_method_configuration: null,
      plan_type: s.planType,
      product: { id: productIds[s.product], title: productTitles[s.product] },
      purchase_url: `https://whop.com/checkout/${id}`,
      release_method: 'buy_now',
      renewal_price: s.planType === 'renewal' ? s.price : 0,
      split_pay_required_payments: null,
      stock: null,
      tax_type: 'unspecified',
      three_ds_level: null,
      title: s.title,
      trial_period_days: s.trialDays,
      unlimited_stock: true,
      updated_at: at,
      visibility: 'visible',
    };
  });
  return { company, products, plans, productIds, planIds };
}
