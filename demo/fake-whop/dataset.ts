// The data a fake Whop serves: plain Whop v1 objects per company, plus the parent links the objects themselves do
// not carry (a lesson's course, a message's channel, a forum post's experience). Independent of demo/sim.
import type { MemberListResponse } from '@whop/sdk/resources/members';
import type { ChatChannelListResponse } from '@whop/sdk/resources/chat-channels';
import type { CourseListResponse } from '@whop/sdk/resources/courses';
import type { CourseLessonListResponse } from '@whop/sdk/resources/course-lessons';
import type { DisputeListResponse } from '@whop/sdk/resources/disputes';
import type { ForumListResponse } from '@whop/sdk/resources/forums';
import type { ForumPostListResponse } from '@whop/sdk/resources/forum-posts';
import type { MessageListResponse } from '@whop/sdk/resources/messages';
import type { PlanListResponse } from '@whop/sdk/resources/plans';
import type { RefundListResponse } from '@whop/sdk/resources/refunds';
import type { CourseLessonInteraction, Membership, Payment, ProductListItem } from '@whop/sdk/resources/shared';

export interface FakeCompanyData {
  company: { id: string; title: string; route?: string };
  products: ProductListItem[];
  plans: PlanListResponse[];
  members: MemberListResponse[];
  memberships: Membership[];
  payments: Payment[];
  refunds: RefundListResponse[];
  disputes: DisputeListResponse[];
  courses: CourseListResponse[];
  lessons: Array<{ course_id: string; lesson: CourseLessonListResponse }>;
  lessonInteractions: CourseLessonInteraction[];
  chatChannels: ChatChannelListResponse[];
  messages: Array<{ channel_id: string; message: MessageListResponse }>;
  forums: ForumListResponse[];
  forumPosts: Array<{ experience_id: string; post: ForumPostListResponse }>;
}

export interface WhopDataset {
  companies: FakeCompanyData[];
}

export function emptyCompany(id: string, title = id): FakeCompanyData {
  return {
    company: { id, title },
    products: [],
    plans: [],
    members: [],
    memberships: [],
    payments: [],
    refunds: [],
    disputes: [],
    courses: [],
    lessons: [],
    lessonInteractions: [],
    chatChannels: [],
    messages: [],
    forums: [],
    forumPosts: [],
  };
}

/** Whop sends ISO strings, older payloads unix seconds: both give milliseconds here. */
export function timeMs(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  return /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

/** Fields the real list endpoints leave out (retrieve and webhook only). */
export const retrieveOnlyFields: Record<string, string[]> = {
  memberships: ['custom_field_responses'],
  payments: [
    'refunds',
    'disputes',
    'resolutions',
    'settlement_amount',
    'tax_refunded_amount',
    'risk_score',
    'risk_signals',
    'three_ds_verified',
    'financing_installments_count',
    'financing_transactions',
  ],
  course_lesson_interactions: ['course'],
};
