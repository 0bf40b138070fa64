// The small tables of a simulated community, written with plain INSERTs before the bulk COPY:
// the company, its products, plans and content (courses, then lessons under them). Returns Whop id -> our id.
import type { ClientBase } from 'pg';
import { BadInput } from '../../core/errors.ts';
import type { Sim } from '../sim/index.ts';
import { mapCourse, mapLesson, mapPlan, mapProduct } from '../../core/whop/map.ts';
import type { ContentRow } from '../../core/whop/rows.ts';

export interface CatalogIds {
  companyId: number;
  products: Map<string, number>;
  plans: Map<string, number>;
  content: Map<string, number>;
  /** Lessons per course, by lesson id (a completed lesson is worth 100 / that many progress points). */
  lessonsInCourse: Map<string, number>;
}

const id = (rows: Array<{ id: string }>): number => Number(rows[0]!.id);

export async function insertCatalog(
  db: ClientBase,
  sim: Pick<Sim, 'company' | 'products' | 'plans' | 'courses' | 'lessons'>,
): Promise<CatalogIds> {
  const exists = await db.query('select 1 from companies where whop_company_id = $1', [sim.company.id]);
  if (exists.rowCount) throw new BadInput(`company ${sim.company.id} is already loaded`);
  const companyId = id(
    (
      await db.query<{ id: string }>(`insert into companies (whop_company_id, name) values ($1, $2) returning id`, [
        sim.company.id,
        sim.company.title,
      ])
    ).rows,
  );
  const products = new Map<string, number>();
  for (const p of sim.products.map(mapProduct)) {
    products.set(
      p.whopId,
      id(
        (
          await db.query<{ id: string }>(
            `insert into products (company_id, whop_id, title, visibility, whop_created_at, whop_updated_at) values ($1, $2, $3, $4, $5, $6) returning id`,
            [companyId, p.whopId, p.title, p.visibility, p.whopCreatedAt, p.whopUpdatedAt],
          )
        ).rows,
      ),
    );
  }
  const plans = new Map<string, number>();
  for (const p of sim.plans.map(mapPlan)) {
    plans.set(
      p.whopId,
      id(
        (
          await db.query<{ id: string }>(
            `insert into plans (company_id, whop_id, product_id, title, plan_type, billing_period_days, initial_price_minor, renewal_price_minor,
         currency, trial_period_days, is_free, whop_created_at, whop_updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
            [
              companyId,
              p.whopId,
              p.productWhopId === null ? null : (products.get(p.productWhopId) ?? null),
              p.title,
              p.planType,
              p.billingPeriodDays,
              p.initialPriceMinor,
              p.renewalPriceMinor,
              p.currency,
              p.trialPeriodDays,
              p.isFree,
              p.whopCreatedAt,
              p.whopUpdatedAt,
            ],
          )
        ).rows,
      ),
    );
  }
  const content = new Map<string, number>();
  const insertContent = async (c: ContentRow) => {
    content.set(
      c.whopId,
      id(
        (
          await db.query<{ id: string }>(
            `insert into content_items (company_id, whop_id, kind, parent_id, title, position, whop_created_at) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
            [
              companyId,
              c.whopId,
              c.kind,
              c.parentWhopId === null ? null : (content.get(c.parentWhopId) ?? null),
              c.title,
              c.position,
              c.whopCreatedAt,
            ],
          )
        ).rows,
      ),
    );
  };
  for (const c of sim.courses) await insertContent(mapCourse(c));
  const lessonsInCourse = new Map<string, number>();
  for (const l of sim.lessons) {
    await insertContent(mapLesson(l.lesson, l.course_id));
    lessonsInCourse.set(l.lesson.id, sim.lessons.filter((x) => x.course_id === l.course_id).length);
  }
  return { companyId, products, plans, content, lessonsInCourse };
}
