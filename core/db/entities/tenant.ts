// The company_id column every tenant-owned table carries: a real foreign key to companies.
import { p } from '@mikro-orm/core';
import { Company } from './companies.ts';

/** company_id, required; rows go when their company goes. */
export const companyRef = () => p.manyToOne(Company).ref().deleteRule('cascade');
