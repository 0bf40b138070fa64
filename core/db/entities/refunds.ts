// refunds: money returned on a payment (rf_…), minor units.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { minorUnits, serialId } from './columns.ts';
import { Payment } from './payments.ts';
import { companyRef } from './tenant.ts';

export const Refund = defineEntity({
  name: 'Refund',
  tableName: 'refunds',
  properties: {
    id: serialId(),
    company: companyRef(),
    whopId: p.text(),
    payment: p.manyToOne(Payment).ref().deleteRule('cascade'),
    amountMinor: minorUnits(),
    currency: p.text(),
    status: p.text(),
    whopCreatedAt: p.datetime(),
  },
  uniques: [{ properties: ['company', 'whopId'] }],
  // Refunds by day (revenue drill-down of refunds).
  indexes: [{ properties: ['company', 'whopCreatedAt'] }],
});
export type IRefund = InferEntity<typeof Refund>;
