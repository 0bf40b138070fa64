// The fake's live state: one Collection per resource per company, built from a WhopDataset.
import { Collection } from './collection.ts';
import type { FakeCompanyData, WhopDataset } from './dataset.ts';

type Of<K extends keyof FakeCompanyData> = FakeCompanyData[K] extends Array<infer T> ? T : never;

export interface CompanyStore {
  company: FakeCompanyData['company'];
  products: Collection<Of<'products'>>;
  plans: Collection<Of<'plans'>>;
  members: Collection<Of<'members'>>;
  memberships: Collection<Of<'memberships'>>;
  payments: Collection<Of<'payments'>>;
  refunds: Collection<Of<'refunds'>>;
  disputes: Collection<Of<'disputes'>>;
  courses: Collection<Of<'courses'>>;
  lessons: Collection<Of<'lessons'>>;
  lessonInteractions: Collection<Of<'lessonInteractions'>>;
  chatChannels: Collection<Of<'chatChannels'>>;
  messages: Collection<Of<'messages'>>;
  forums: Collection<Of<'forums'>>;
  forumPosts: Collection<Of<'forumPosts'>>;
}

const byId = <T extends { id: string }>(x: T) => x.id;
const created = <T extends { created_at: string | null }>(x: T) => x.created_at ?? 0;
/** Chat channels and forums carry no created_at: their order is their id's. */
const noTime = () => 0;

export function companyStore(d: FakeCompanyData): CompanyStore {
  return {
    company: d.company,
    products: new Collection(d.products, byId, created),
    plans: new Collection(d.plans, byId, created),
    members: new Collection(d.members, byId, created),
    memberships: new Collection(d.memberships, byId, created),
    payments: new Collection(d.payments, byId, created),
    refunds: new Collection(d.refunds, byId, created),
    disputes: new Collection(d.disputes, byId, created),
    courses: new Collection(d.courses, byId, created),
    lessons: new Collection(
      d.lessons,
      (l) => l.lesson.id,
      (l) => l.lesson.created_at,
    ),
    lessonInteractions: new Collection(d.lessonInteractions, byId, created),
    chatChannels: new Collection(d.chatChannels, byId, noTime),
    messages: new Collection(
      d.messages,
      (m) => m.message.id,
      (m) => m.message.created_at,
    ),
    forums: new Collection(d.forums, byId, noTime),
    forumPosts: new Collection(
      d.forumPosts,
      (p) => p.post.id,
      (p) => p.post.created_at,
    ),
  };
}

export class FakeStore {
  readonly companies = new Map<string, CompanyStore>();
  constructor(dataset: WhopDataset) {
    for (const c of dataset.companies) this.companies.set(c.company.id, companyStore(c));
  }

  company(id: string): CompanyStore {
    const c = this.companies.get(id);
    if (!c) throw new Error(`fake Whop has no company ${id}`);
    return c;
  }

  /** The company owning a course, chat channel (or its experience) or forum experience. */
  ownerOf(find: (c: CompanyStore) => boolean): CompanyStore | undefined {
    for (const c of this.companies.values()) if (find(c)) return c;
    return undefined;
  }
}
