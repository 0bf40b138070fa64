// members: the people in a community (user_…), one row per company and Whop user.
import { defineEntity, p } from '@mikro-orm/core';
import { serialId } from './columns.ts';
import { companyKey } from './tenant.ts';

export const Member = defineEntity({
  name: 'Member',
  tableName: 'members',
  properties: {
    company: companyKey(),
    id: serialId(),
    whopMemberId: p.text().nullable(),
    whopUserId: p.text(),
    name: p.text().nullable(),
    username: p.text().nullable(),
    email: p.text().nullable(),
    joinedAt: p.datetime().nullable(),
    status: p.text().nullable(),
    whopUpdatedAt: p.datetime().nullable(),
    /** The member's Discord user id when known (maps Discord activity to the member); Whop's v1 API does not expose it. */
    discordUserId: p.text().nullable(),
  },
  uniques: [
    { properties: ['company', 'whopUserId'] },
    {
      name: 'members_company_id_discord_user_id_unique',
      properties: ['company', 'discordUserId'],
      where: 'discord_user_id is not null',
    },
  ],
});
