// Every table of docs/data-model.md (except Agenda's own, which a migration creates).
import { ActivityEvent } from './activity-events.ts';
import { ChurnFeedback, ChurnModelRun, ChurnPrediction } from './churn.ts';
import { ChurnAlert } from './churn-alerts.ts';
import { ChurnOutreach } from './churn-outreach.ts';
import { ChatRequestReplay } from './chat-request-replays.ts';
import { CoachConversation, CoachUsage } from './coach.ts';
import { Company } from './companies.ts';
import { ContentItem } from './content-items.ts';
import { ContentProgress } from './content-progress.ts';
import { Delivery } from './deliveries.ts';
import { FirstSync, SetupChannel } from './first-answers.ts';
import { ActivitySlot, EngagementCompanyDaily } from './engagement-rollups.ts';
import { InstallGrantRedemption, LinkRequest } from './link-requests.ts';
import { Member } from './members.ts';
import { Membership } from './memberships.ts';
import { Payment } from './payments.ts';
import { PaymentRescue } from './payment-rescues.ts';
import { Plan } from './plans.ts';
import { Product } from './products.ts';
import { Refund } from './refunds.ts';
import { ReportLink } from './report-links.ts';
import { SlackInstallation, SlackOAuthState } from './slack-installations.ts';
import { CustomerMrrSpan, PaymentFailuresDaily, RevenueRollup } from './revenue-rollup.ts';
import { MembershipMrrMovement, MembershipMrrSpan, RevenueSegmentDaily } from './revenue-membership-rollup.ts';
import { ContentDaily, EngagementDaily, RevenueDaily } from './rollups.ts';
import { SyncState } from './sync-state.ts';
import { WebhookInbox } from './webhook-inbox.ts';
import { WorkspaceLink } from './workspace-links.ts';

export * from './activity-events.ts';
export * from './churn.ts';
export * from './churn-alerts.ts';
export * from './churn-outreach.ts';
export * from './first-answers.ts';
export * from './chat-request-replays.ts';
export * from './coach.ts';
export * from './companies.ts';
export * from './content-items.ts';
export * from './content-progress.ts';
export * from './deliveries.ts';
export * from './engagement-rollups.ts';
export * from './link-requests.ts';
export * from './members.ts';
export * from './memberships.ts';
export * from './payments.ts';
export * from './payment-rescues.ts';
export * from './plans.ts';
export * from './products.ts';
export * from './refunds.ts';
export * from './report-links.ts';
export * from './revenue-rollup.ts';
export * from './revenue-membership-rollup.ts';
export * from './rollups.ts';
export * from './slack-installations.ts';
export * from './sync-state.ts';
export * from './webhook-inbox.ts';
export * from './workspace-links.ts';

export const entities = [
  Company,
  WorkspaceLink,
  Product,
  Plan,
  Member,
  Membership,
  Payment,
  Refund,
  ContentItem,
  ActivityEvent,
  EngagementDaily,
  RevenueDaily,
  ContentDaily,
  ChurnModelRun,
  ChurnPrediction,
  ChurnFeedback,
  CoachConversation,
  CoachUsage,
  WebhookInbox,
  SyncState,
  ReportLink,
  Delivery,
  CustomerMrrSpan,
  PaymentFailuresDaily,
  RevenueRollup,
  MembershipMrrSpan,
  MembershipMrrMovement,
  RevenueSegmentDaily,
  EngagementCompanyDaily,
  ActivitySlot,
  ContentProgress,
  ChurnAlert,
  LinkRequest,
  InstallGrantRedemption,
  SlackInstallation,
  SlackOAuthState,
  ChatRequestReplay,
  PaymentRescue,
  ChurnOutreach,
  SetupChannel,
  FirstSync,
];
