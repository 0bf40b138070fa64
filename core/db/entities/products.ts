// products: a creator's Whop products (prod_…).
import { defineEntity, p } from '@mikro-orm/core';
import { serialId } from './columns.ts';
import { companyKey } from './tenant.ts';

export const Product = defineEntity({
  name: 'Product',
  tableName: 'products',
  properties: {
    company: companyKey(),
    id: serialId(),
    whopId: p.text(),
    title: p.text(),
    visibility: p.text().nullable(),
    whopCreatedAt: p.datetime().nullable(),
    whopUpdatedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['company', 'whopId'] }],
});
