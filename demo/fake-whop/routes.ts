// The list endpoints of Whop's v1 REST API as the fake serves them: required scoping parameters, the filters the
// real API has, cursor pagination, and the list views (retrieve-only fields left out).
import type { Collection, Page } from './collection.ts';
import { retrieveOnlyFields, timeMs } from './dataset.ts';
import type { CompanyStore, FakeStore } from './store.ts';

export interface ApiResult {
  status: number;
  body: unknown;
}
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  constructor(status: number, type: string, message: string) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

type Query = URLSearchParams;
/** Company ids a bearer token may read; '*' for an app key installed everywhere. */
export type Access = (companyId: string) => boolean;

const bad = (message: string) => new ApiError(400, 'invalid_request_error', message);

function list(q: Query, name: string): string[] {
  return [...q.getAll(`${name}[]`), ...q.getAll(name)];
}

function dateFilter<T>(q: Query, name: string, pick: (x: T) => string | number | null): (x: T) => boolean {
  const after = q.get(`${name}_after`);
  const before = q.get(`${name}_before`);
  const a = after ? timeMs(after) : undefined;
  const b = before ? timeMs(before) : undefined;
  if (Number.isNaN(a) || Number.isNaN(b)) throw bad(`${name}_after/${name}_before must be ISO 8601 timestamps`);
  return (x) => {
    const t = timeMs(pick(x));
    return (a === undefined || t > a) && (b === undefined || t < b);
  };
}

function all<T>(...preds: Array<((x: T) => boolean) | undefined>): (x: T) => boolean {
  const ps = preds.filter((p): p is (x: T) => boolean => Boolean(p));
  return (x) => ps.every((p) => p(x));
}

function inList<T>(values: string[], pick: (x: T) => string | null | undefined): ((x: T) => boolean) | undefined {
  if (values.length === 0) return undefined;
  const set = new Set(values);
  return (x) => set.has(pick(x) ?? '');
}

function pageOf<T>(
  col: Collection<T>,
  q: Query,
  filter: (x: T) => boolean,
  view: (x: T) => unknown,
  maxFirst = 100,
): ApiResult {
  const firstRaw = q.get('first');
  const first = firstRaw === null ? 10 : Number(firstRaw);
  if (!Number.isInteger(first) || first < 1) throw bad('first must be a positive integer');
  const direction = q.get('direction') === 'asc' ? 'asc' : q.get('direction') === 'desc' ? 'desc' : 'asc';
  const page: Page<T> = col.page({
    first: Math.min(first, maxFirst),
    after: q.get('after') ?? undefined,
    direction,
    filter,
  });
  return { status: 200, body: { data: page.data.map(view), page_info: page.page_info } };
}

function omit(fields: string[] | undefined) {
  return (x: unknown) => {
    if (!fields) return x;
    const copy = { ...(x as Record<string, unknown>) };
    for (const f of fields) delete copy[f];
    return copy;
  };
}

function scoped(store: FakeStore, access: Access, q: Query, param: 'company_id' | 'account_id'): CompanyStore {
  const id = q.get(param);
  if (!id) throw bad(`${param} is required`);
  const c = store.companies.get(id);
  if (!c || !access(id)) throw new ApiError(403, 'forbidden', 'You do not have permission to access this resource');
  return c;
}

function owner(store: FakeStore, access: Access, find: (c: CompanyStore) => boolean, what: string): CompanyStore {
  const c = store.ownerOf(find);
  if (!c) throw new ApiError(404, 'not_found', `${what} not found`);
  if (!access(c.company.id)) throw new ApiError(403, 'forbidden', 'You do not have permission to access this resource');
  return c;
}

type Handler = (store: FakeStore, access: Access, q: Query) => ApiResult;
const id = (x: unknown) => x;

export const routes: Record<string, Handler> = {
  '/products': (s, a, q) =>
    pageOf(scoped(s, a, q, 'account_id').products, q, all(inList(list(q, 'visibilities'), (p) => p.visibility)), id),
  '/plans': (s, a, q) =>
    pageOf(
      scoped(s, a, q, 'account_id').plans,
      q,
      all(
        dateFilter(q, 'created', (p: { created_at: string }) => p.created_at),
        inList(list(q, 'product_ids'), (p) => (p.product as { id?: string } | null)?.id),
      ),
      id,
    ),
  '/members': (s, a, q) =>
    pageOf(
      scoped(s, a, q, 'company_id').members,
      q,
      all(
        dateFilter(q, 'created', (m: { created_at: string }) => m.created_at),
        inList(list(q, 'statuses'), (m) => m.status),
      ),
      id,
    ),
  '/memberships': (s, a, q) =>
    pageOf(
      scoped(s, a, q, 'company_id').memberships,
      q,
      all(
        dateFilter(q, 'created', (m: { created_at: string }) => m.created_at),
        inList(list(q, 'statuses'), (m) => m.status),
        inList(list(q, 'plan_ids'), (m) => m.plan.id),
        inList(list(q, 'product_ids'), (m) => m.product.id),
        inList(list(q, 'user_ids'), (m) => m.user?.id),
      ),
      omit(retrieveOnlyFields.memberships),
    ),
  '/payments': (s, a, q) =>
    pageOf(
      scoped(s, a, q, 'company_id').payments,
      q,
      all(
        dateFilter(q, 'created', (p: { created_at: string }) => p.created_at),
        dateFilter(q, 'updated', (p: { updated_at: string }) => p.updated_at),
        inList(list(q, 'statuses'), (p) => p.status),
        inList(list(q, 'plan_ids'), (p) => p.plan?.id),
      ),
      omit(retrieveOnlyFields.payments),
    ),
  '/refunds': (s, a, q) =>
    pageOf(
      scoped(s, a, q, 'company_id').refunds,
      q,
      all(
        dateFilter(q, 'created', (r: { created_at: string }) => r.created_at),
        inList(q.get('payment_id') ? [q.get('payment_id')!] : [], (r) => r.payment?.id),
      ),
      id,
    ),
  '/disputes': (s, a, q) =>
    pageOf(
      scoped(s, a, q, 'company_id').disputes,
      q,
      dateFilter(q, 'created', (d: { created_at: string | null }) => d.created_at),
      id,
    ),
  '/courses': (s, a, q) => {
    const exp = q.get('experience_id');
    if (!q.get('company_id') && exp) throw bad('experience_id listing is not supported by the fake; pass company_id');
    return pageOf(scoped(s, a, q, 'company_id').courses, q, () => true, id);
  },
  '/course_lessons': (s, a, q) => {
    const course = q.get('course_id');
    if (!course) throw bad('course_id or chapter_id is required');
    const c = owner(s, a, (x) => Boolean(x.courses.get(course)), 'Course');
    return pageOf(
      c.lessons.partition('course', (l) => l.course_id, course),
      q,
      () => true,
      (l) => l.lesson,
    );
  },
  '/course_lesson_interactions': (s, a, q) => {
    const course = q.get('course_id');
    const lesson = q.get('lesson_id');
    if (!course && !lesson) throw bad('course_id or lesson_id is required');
    const c = course
      ? owner(s, a, (x) => Boolean(x.courses.get(course)), 'Course')
      : owner(s, a, (x) => Boolean(x.lessons.get(lesson!)), 'Lesson');
    const completed = q.get('completed');
    const scope = course
      ? c.lessonInteractions.partition('course', (i) => i.course.id, course)
      : c.lessonInteractions.partition('lesson', (i) => i.lesson.id, lesson!);
    return pageOf(
      scope,
      q,
      all(
        course && lesson ? (i) => i.lesson.id === lesson : undefined,
        inList(q.get('user_id') ? [q.get('user_id')!] : [], (i) => i.user.id),
        completed === null ? undefined : (i) => i.completed === (completed === 'true'),
      ),
      omit(retrieveOnlyFields.course_lesson_interactions),
    );
  },
  '/chat_channels': (s, a, q) => pageOf(scoped(s, a, q, 'company_id').chatChannels, q, () => true, id),
  '/messages': (s, a, q) => {
    const channel = q.get('channel_id');
    if (!channel) throw bad('channel_id is required');
    const matches = (x: CompanyStore) =>
      x.chatChannels.all().some((ch) => ch.id === channel || ch.experience.id === channel);
    const c = owner(s, a, matches, 'Channel');
    const ch = c.chatChannels.all().find((x) => x.id === channel || x.experience.id === channel)!;
    return pageOf(
      c.messages.partition('channel', (m) => m.channel_id, ch.id),
      q,
      () => true,
      (m) => m.message,
    );
  },
  '/forums': (s, a, q) => pageOf(scoped(s, a, q, 'company_id').forums, q, () => true, id),
  '/forum_posts': (s, a, q) => {
    const exp = q.get('experience_id');
    if (!exp) throw bad('experience_id is required');
    const c = owner(s, a, (x) => x.forums.all().some((f) => f.experience.id === exp), 'Forum');
    const parent = q.get('parent_id');
    const thread = c.forumPosts.partition(
      'thread',
      (p) => `${p.experience_id}|${p.post.parent_id ?? ''}`,
      `${exp}|${parent ?? ''}`,
    );
    return pageOf(
      thread,
      q,
      () => true,
      (p) => p.post,
    );
  },
};
