// The company_id column every company-owned table carries, and the shape of keys that let the schema be
// distributed by company (docs/data-model.md#keys-and-distribution): company_id leads every primary key, and a
// reference to another company-owned row is the pair (company_id, x_id), so it can never cross companies.
import { p } from '@mikro-orm/core';
import { Company } from './companies.ts';

/** company_id, required; rows go when their company goes. */
export const companyRef = () => p.manyToOne(Company).ref().deleteRule('cascade');

/** company_id as the first column of a composite primary key. */
export const companyKey = () => companyRef().primary();

/**
 * company_id leading the key of a table whose every row also names a member through a same-company reference
 * (member_id NOT NULL, on delete cascade): that reference already proves the company exists and removes the rows
 * with it (companies -> members -> this table), so no foreign key of its own. Rollups write these tables in
 * bulk, and PostgreSQL checks each foreign key once per inserted row: the company's check was a quarter of the
 * 61-day engagement rebuild at 100,000 members (21 s of 88 s for 2.8 M rows).
 */
export const companyKeyImplied = () => companyKey().createForeignKeyConstraint(false);

/**
 * company_id leading the key of a table with no foreign key at all: rows derived from other tables, written only under
 * a lock both erasures take before deleting them by name (engagement_daily: see its entity; test/db/company-keys.test.ts
 * lists these tables with their reasons).
 */
export const companyKeyErasedUnderLock = () => companyKey().createForeignKeyConstraint(false);

/** Join columns of a same-company reference through `column`: (company_id, column) -> target (company_id, id). */
export const sameCompany = (column: string): [string, string] => ['company_id', column];

/** The key a same-company reference points at. */
export const targetKey: [string, string] = ['company_id', 'id'];

/** `on delete set null` for a same-company reference: only the reference column, never company_id. */
export const setNull = (column: string) => `set null (${column})`;

/**
 * An index's INCLUDE list by column name. A same-company relation named there would bring both of its columns
 * (company_id again); MikroORM maps names it does not know as plain columns, but its types only accept properties.
 */
export const includeColumns = (...columns: string[]) => columns as never;
