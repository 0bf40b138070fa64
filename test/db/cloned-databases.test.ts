// Suites get clones of the migrated template: complete, and isolated from each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertMigrated } from '../../core/db/migrate.ts';
import { Company, entities } from '../../core/db/entities/index.ts';
import { withOrm, type TestOrm } from '../helpers/db.ts';

const expectedTables = [
  ...entities.map((entity) => entity.meta.tableName),
  'agenda_jobs',
  'agenda_logs',
  'mikro_orm_migrations',
].sort();

describe('cloned test databases', () => {
  let first: TestOrm;
  let second: TestOrm;

  beforeAll(async () => {
    [first, second] = await Promise.all([withOrm(), withOrm()]);
  });
  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('are distinct databases', () => {
    expect(first.name).not.toBe(second.name);
    expect(first.url).not.toBe(second.url);
  });

  it('have every table, and count as migrated', async () => {
    const rows = await first.orm.em.getConnection().execute<{ table_name: string }[]>(
      // Partitions of activity_events are tables of their own; the entities describe the partitioned parent.
      'select c.relname as table_name from pg_class c join pg_namespace n on n.oid = c.relnamespace ' +
        "where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1",
    );
    expect(rows.map((r) => r.table_name)).toEqual(expectedTables);
    await expect(assertMigrated(first.orm)).resolves.toBeUndefined();
  });

  it("do not see each other's rows", async () => {
    const em = first.orm.em.fork();
    const company = em.create(Company, { whopCompanyId: 'biz_isolation', name: 'Isolation Co' });
    await em.flush();
    expect(company.id).toBeTypeOf('number');

    expect(await first.orm.em.fork().count(Company, { whopCompanyId: 'biz_isolation' })).toBe(1);
    expect(await second.orm.em.fork().count(Company, {})).toBe(0);
  });

  it('dropping one leaves the other usable, even with connections open', async () => {
    const third = await withOrm();
    await third.orm.em.getConnection().execute('select 1');
    await third.drop();
    expect(await second.orm.em.fork().count(Company, {})).toBe(0);
  });
});
