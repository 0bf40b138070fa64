// refunds: money returned on a payment (rf_…), minor units.
import { defineEntity, p } from '@mikro-orm/core';
import { minorUnits, serialId } from './columns.ts';
import { Payment } from './payments.ts';
import { companyKey, sameCompany, targetKey } from './tenant.ts';

export const Refund = defineEntity({
  name: 'Refund',
  tableName: 'refunds',
  properties: {
    company: companyKey(),
    id: serialId(),
    whopId: p.text(),
    payment: p
      .manyToOne(Payment)
      .ref()
      .joinColumns(...sameCompany('payment_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    amountMinor: minorUnits(),
    currency: p.text(),
    status: p.text(),
    whopCreatedAt: p.datetime(),
  },
  uniques: [{ properties: ['company', 'whopId'] }],
  // Refunds by day (revenue drill-down of refunds).
  indexes: [{ properties: ['company', 'whopCreatedAt'] }],
});
