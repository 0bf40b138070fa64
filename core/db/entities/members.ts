// members: the people in a community (user_…), one row per company and Whop user.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { serialId } from './columns.ts';
import { companyRef } from './tenant.ts';

export const Member = defineEntity({
  name: 'Member',
  tableName: 'members',
  properties: {
    id: serialId(),
    company: companyRef(),
    whopMemberId: p.text().nullable(),
    whopUserId: p.text(),
    name: p.text().nullable(),
    username: p.text().nullable(),
    email: p.text().nullable(),
    joinedAt: p.datetime().nullable(),
    status: p.text().nullable(),
    whopUpdatedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['company', 'whopUserId'] }],
});
export type IMember = InferEntity<typeof Member>;
