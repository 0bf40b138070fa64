// plans: prices of a product (plan_…). Money in minor units.
import { defineEntity, p } from '@mikro-orm/core';
import { minorUnits, serialId } from './columns.ts';
import { Product } from './products.ts';
import { companyKey, sameCompany, setNull, targetKey } from './tenant.ts';

export const planTypes = ['renewal', 'one_time'] as const;
export type PlanType = (typeof planTypes)[number];

export const Plan = defineEntity({
  name: 'Plan',
  tableName: 'plans',
  properties: {
    company: companyKey(),
    id: serialId(),
    whopId: p.text(),
    product: p
      .manyToOne(Product)
      .ref()
      .nullable()
      .joinColumns(...sameCompany('product_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule(setNull('product_id')),
    title: p.text().nullable(),
    planType: p.enum(planTypes),
    billingPeriodDays: p.integer().nullable(),
    initialPriceMinor: minorUnits().default(0),
    renewalPriceMinor: minorUnits().default(0),
    currency: p.text(),
    trialPeriodDays: p.integer().nullable(),
    isFree: p.boolean().default(false),
    whopCreatedAt: p.datetime().nullable(),
    whopUpdatedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['company', 'whopId'] }],
});
