// plans: prices of a product (plan_…). Money in minor units.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { minorUnits, serialId } from './columns.ts';
import { Product } from './products.ts';
import { companyRef } from './tenant.ts';

export const planTypes = ['renewal', 'one_time'] as const;
export type PlanType = (typeof planTypes)[number];

export const Plan = defineEntity({
  name: 'Plan',
  tableName: 'plans',
  properties: {
    id: serialId(),
    company: companyRef(),
    whopId: p.text(),
    product: p.manyToOne(Product).ref().nullable().deleteRule('set null'),
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
export type IPlan = InferEntity<typeof Plan>;
