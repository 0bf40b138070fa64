// The list tasks of one company's sync: which SDK call pages each resource, which filter makes it incremental,
// and how a page becomes rows (map.ts) and writes (tables.ts).
import type { ChatChannelListResponse } from '@whop/sdk/resources/chat-channels';
import type { ForumListResponse } from '@whop/sdk/resources/forums';
import type { WhopApi } from './client.ts';
import {
  mapCourse,
  mapLesson,
  mapMember,
  mapMembership,
  mapPayment,
  mapPlan,
  mapProduct,
  mapRefund,
  memberFromUser,
} from './map.ts';
import { addCounts, type MemberRow, type WriteCount } from './rows.ts';
import type { ListPage, ListTask } from './sync-task.ts';
import {
  contentWrite,
  memberStubsWrite,
  membersWrite,
  membershipsWrite,
  paymentsWrite,
  plansWrite,
  productsWrite,
  refundsWrite,
} from './tables.ts';
import { part, upsert, upsertMany } from './upsert.ts';

export const PAGE_SIZE = 100;

type Fetched<T> = ListPage<T>;
const asPage = <T>(p: { data: T[]; page_info: ListPage<T>['page_info'] }): Fetched<T> => ({
  data: p.data,
  page_info: p.page_info,
});

function present<T>(xs: Array<T | null>): { rows: T[]; missing: number } {
  const rows = xs.filter((x): x is T => x !== null);
  return { rows, missing: xs.length - rows.length };
}

async function withSkipped(missing: number, w: Promise<WriteCount>): Promise<WriteCount> {
  const c = await w;
  return { ...c, skipped: c.skipped + missing };
}

/** Bare members for users seen on memberships/payments, so their rows can point at someone. */
function stubsOf(people: Array<{ user: { id: string } | null; member: { id: string } | null }>): MemberRow[] {
  return people.filter((p) => p.user).map((p) => memberFromUser(p.user!, p.member?.id ?? null));
}

export interface CompanyScope {
  companyId: number;
  whopCompanyId: string;
}

export function catalogTasks(s: CompanyScope) {
  const id = s.whopCompanyId;
  const products: ListTask<Parameters<typeof mapProduct>[0]> = {
    resource: 'products',
    table: productsWrite.table,
    operation: '/products',
    fetch: (api, q, signal) =>
      api.call(
        '/products',
        async (w) =>
          asPage(
            await w.products.list({ account_id: id, first: PAGE_SIZE, after: q.after, direction: 'asc' }, { signal }),
          ),
        signal,
      ),
    write: (tx, items) => upsert(tx, productsWrite, s.companyId, items.map(mapProduct)),
  };
  const plans: ListTask<Parameters<typeof mapPlan>[0]> = {
    resource: 'plans',
    table: plansWrite.table,
    operation: '/plans',
    fetch: (api, q, signal) =>
      api.call(
        '/plans',
        async (w) =>
          asPage(
            await w.plans.list(
              {
                account_id: id,
                first: PAGE_SIZE,
                after: q.after,
                direction: 'asc',
                visibilities: ['visible', 'hidden', 'archived', 'quick_link'],
              },
              { signal },
            ),
          ),
        signal,
      ),
    write: (tx, items) => upsert(tx, plansWrite, s.companyId, items.map(mapPlan)),
  };
  return { products, plans };
}

export function peopleTasks(s: CompanyScope) {
  const id = s.whopCompanyId;
  const members: ListTask<Parameters<typeof mapMember>[0] & { created_at: string }> = {
    resource: 'members',
    table: membersWrite.table,
    operation: '/members',
    sinceOf: (m) => m.created_at,
    fetch: (api, q, signal) =>
      api.call(
        '/members',
        async (w) =>
          asPage(
            await w.members.list(
              {
                company_id: id,
                first: PAGE_SIZE,
                after: q.after,
                created_after: q.since,
                direction: 'asc',
                order: 'created_at',
              },
              { signal },
            ),
          ),
        signal,
      ),
    write: (tx, items) => {
      const { rows, missing } = present(items.map(mapMember));
      return withSkipped(missing, upsert(tx, membersWrite, s.companyId, rows));
    },
  };
  const memberships: ListTask<Parameters<typeof mapMembership>[0]> = {
    resource: 'memberships',
    table: membershipsWrite.table,
    operation: '/memberships',
    sinceOf: (m) => m.created_at,
    fetch: (api, q, signal) =>
      api.call(
        '/memberships',
        async (w) =>
          asPage(
            await w.memberships.list(
              {
                company_id: id,
                first: PAGE_SIZE,
                after: q.after,
                created_after: q.since,
                direction: 'asc',
                order: 'created_at',
              },
              { signal },
            ),
          ),
        signal,
      ),
    write: async (tx, items) => {
      const [stubs, w] = await upsertMany(tx, s.companyId, [
        part(memberStubsWrite, stubsOf(items)),
        part(membershipsWrite, items.map(mapMembership)),
      ]);
      return addCounts(w!, { inserted: stubs!.inserted, updated: 0, skipped: 0 });
    },
  };
  return { members, memberships };
}

export function moneyTasks(s: CompanyScope) {
  const id = s.whopCompanyId;
  const payments: ListTask<Parameters<typeof mapPayment>[0]> = {
    resource: 'payments',
    table: paymentsWrite.table,
    operation: '/payments',
    sinceOf: (p) => p.updated_at,
    fetch: (api, q, signal) =>
      api.call(
        '/payments',
        async (w) =>
          asPage(
            await w.payments.list(
              {
                company_id: id,
                first: PAGE_SIZE,
                after: q.after,
                updated_after: q.since,
                direction: 'asc',
                order: 'created_at',
                include_free: true,
              },
              { signal },
            ),
          ),
        signal,
      ),
    write: async (tx, items) => {
      const [stubs, w] = await upsertMany(tx, s.companyId, [
        part(memberStubsWrite, stubsOf(items)),
        part(paymentsWrite, items.map(mapPayment)),
      ]);
      return addCounts(w!, { inserted: stubs!.inserted, updated: 0, skipped: 0 });
    },
  };
  const refunds: ListTask<Parameters<typeof mapRefund>[0]> = {
    resource: 'refunds',
    table: refundsWrite.table,
    operation: '/refunds',
    sinceOf: (r) => r.created_at,
    fetch: (api, q, signal) =>
      api.call(
        '/refunds',
        async (w) =>
          asPage(
            await w.refunds.list(
              {
                company_id: id,
                first: PAGE_SIZE,
                after: q.after,
                created_after: q.since,
                direction: 'asc',
              },
              { signal },
            ),
          ),
        signal,
      ),
    write: (tx, items) => {
      const { rows, missing } = present(items.map(mapRefund));
      return withSkipped(missing, upsert(tx, refundsWrite, s.companyId, rows));
    },
  };
  return { payments, refunds };
}

/** Small parent lists (channels, forums) read whole, every run: they have no table of their own. */
export async function listAll<T>(
  api: WhopApi,
  operation: string,
  page: (after: string | undefined) => Promise<Fetched<T>>,
  signal?: AbortSignal,
): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const p = await api.call(operation, () => page(after), signal);
    out.push(...p.data);
    const end = p.page_info.end_cursor;
    if (!p.page_info.has_next_page || !end || p.data.length === 0) return out;
    after = end;
  }
}

/** Both parent lists; settles once both have (a failure of one does not leave the other running unseen). */
export async function channelsAndForums(
  api: WhopApi,
  s: CompanyScope,
  signal?: AbortSignal,
): Promise<[ChatChannelListResponse[], ForumListResponse[]]> {
  const id = s.whopCompanyId;
  const [channels, forums] = await Promise.allSettled([
    listAll<ChatChannelListResponse>(
      api,
      '/chat_channels',
      async (after) => asPage(await api.sdk.chatChannels.list({ company_id: id, first: PAGE_SIZE, after }, { signal })),
      signal,
    ),
    listAll<ForumListResponse>(
      api,
      '/forums',
      async (after) => asPage(await api.sdk.forums.list({ company_id: id, first: PAGE_SIZE, after }, { signal })),
      signal,
    ),
  ]);
  if (channels.status === 'rejected') throw channels.reason;
  if (forums.status === 'rejected') throw forums.reason;
  return [channels.value, forums.value];
}

export function contentTasks(s: CompanyScope) {
  const courses: ListTask<Parameters<typeof mapCourse>[0]> = {
    resource: 'courses',
    table: contentWrite.table,
    operation: '/courses',
    fetch: (api, q, signal) =>
      api.call(
        '/courses',
        async (w) =>
          asPage(await w.courses.list({ company_id: s.whopCompanyId, first: PAGE_SIZE, after: q.after }, { signal })),
        signal,
      ),
    write: (tx, items) => upsert(tx, contentWrite, s.companyId, items.map(mapCourse)),
  };
  const lessons = (courseId: string): ListTask<Parameters<typeof mapLesson>[0]> => ({
    resource: `lessons:${courseId}`,
    table: contentWrite.table,
    operation: '/course_lessons',
    fetch: (api, q, signal) =>
      api.call(
        '/course_lessons',
        async (w) =>
          asPage(await w.courseLessons.list({ course_id: courseId, first: PAGE_SIZE, after: q.after }, { signal })),
        signal,
      ),
    write: (tx, items) =>
      upsert(
        tx,
        contentWrite,
        s.companyId,
        items.map((l) => mapLesson(l, courseId)),
      ),
  });
  return { courses, lessons };
}
