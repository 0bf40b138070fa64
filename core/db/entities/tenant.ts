// The company_id column every company-owned table carries, and the shape of keys that let the schema be
// distributed by company (docs/data-model.md#keys-and-distribution): company_id leads every primary key, and a
// reference to another company-owned row is the pair (company_id, x_id), so it can never cross companies.
import { p } from '@mikro-orm/core';
import { Company } from './companies.ts';

/** company_id, required; rows go when their company goes. */
export const companyRef = () => p.manyToOne(Company).ref().deleteRule('cascade');

/** company_id as the first column of a composite primary key. */
export const companyKey = () => companyRef().primary();

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
