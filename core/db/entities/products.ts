// products: a creator's Whop products (prod_…).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { serialId } from './columns.ts';
import { companyRef } from './tenant.ts';

export const Product = defineEntity({
  name: 'Product',
  tableName: 'products',
  properties: {
    id: serialId(),
    company: companyRef(),
    whopId: p.text(),
    title: p.text(),
    visibility: p.text().nullable(),
    whopCreatedAt: p.datetime().nullable(),
    whopUpdatedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['company', 'whopId'] }],
});
export type IProduct = InferEntity<typeof Product>;
