// The simulator's public shapes: options, the per-member bundle it streams, and the ground truth.
import type { Course } from '@whop/sdk/resources/courses';
import type { MemberRetrieveResponse } from '@whop/sdk/resources/members';
import type { RefundRetrieveResponse } from '@whop/sdk/resources/refunds';
import type {
  ChatChannel,
  Company,
  CourseLessonInteraction,
  Forum,
  Membership,
  Payment,
  Plan,
  Product,
} from '@whop/sdk/resources/shared';
import type { SimForumPost, SimMessage } from './activity.ts';
import type { SimLesson } from './content.ts';
import type { WorldShape } from './worlds.ts';

export type { SimForumPost, SimMessage } from './activity.ts';
export type { SimLesson } from './content.ts';

export interface SimOptions {
  seed: number | string;
  /** Members who ever joined (the company's whole history). */
  members: number;
  /** Length of the history before endDate, in calendar months (12-24 is typical). */
  months: number;
  endDate: Date | string | number;
  /** The company's biz_ id; derived from the seed when absent. */
  companyId?: string;
  /** Activity events per month of a typically engaged member (engagement 0.45); default 12. */
  activityPerMemberPerMonth?: number;
  /** Days simulated after endDate for the ground truth only (never emitted as data); default 90. */
  horizonDays?: number;
  /** Why members leave (worlds.ts); default the default world. */
  world?: WorldShape;
}

export interface TruthSnapshot {
  at: string;
  /** Engagement level in [0, 1] (0 while away). */
  engagement: number;
  /** Holds a counted paid subscription (active, canceling or past_due; trials do not count). */
  subscribed: boolean;
  /** Daily hazard of deciding to cancel (0 unless actively subscribed). */
  hazardDaily: number;
  /** Probability that paid access ends within 30 days (churn dated as docs/metrics.md#mrr does). */
  hazard30d: number;
}

/** Ground truth for evaluating churn models: what the simulator knows and the data does not show. */
export interface Truth extends Omit<TruthSnapshot, 'at'> {
  userId: string;
  /** Engagement level at endDate; same as `engagement`. */
  engagementLevel: number;
  baseEngagement: number;
  /** When the paid subscription ended for good (may lie in the hidden horizon after endDate); null if it did not. */
  churnDate: string | null;
  churnKind: 'voluntary' | 'delinquent' | null;
  /** Every churn, including those after endDate. */
  churns: Array<{ initiatedAt: string; churnedAt: string; kind: 'voluntary' | 'delinquent' }>;
  /** At each month end up to endDate, then at endDate. */
  snapshots: TruthSnapshot[];
}

export interface MemberBundle {
  index: number;
  member: MemberRetrieveResponse;
  memberships: Membership[];
  payments: Payment[];
  refunds: RefundRetrieveResponse[];
  messages: SimMessage[];
  forumPosts: SimForumPost[];
  lessonInteractions: CourseLessonInteraction[];
  /** Presence on the linked Discord/Slack (epoch ms); Whop has no visit API. */
  visits: number[];
  truth: Truth;
}

export interface Sim {
  options: Required<Omit<SimOptions, 'endDate' | 'companyId'>> & { endDate: Date; startDate: Date; companyId: string };
  company: Company;
  products: Product[];
  plans: Plan[];
  courses: Course[];
  lessons: SimLesson[];
  channels: ChatChannel[];
  forums: Forum[];
  /** Generates the members one at a time (bounded memory); every call starts again and yields the same. */
  memberBundles(): Generator<MemberBundle>;
}

export interface MaterializedSim extends Omit<Sim, 'memberBundles'> {
  members: MemberRetrieveResponse[];
  memberships: Membership[];
  payments: Payment[];
  refunds: RefundRetrieveResponse[];
  messages: SimMessage[];
  forumPosts: SimForumPost[];
  lessonInteractions: CourseLessonInteraction[];
  visits: Array<{ userId: string; at: number }>;
  truth: Truth[];
}
