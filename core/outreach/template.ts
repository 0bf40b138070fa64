// The message a creator's admin starts from when reaching out to an at-risk member: one template per recommended
// action (core/churn/actions.ts), with the member's first name and what they last did. Pure. Every value from
// Whop or the member (name, lesson title, company name) is escaped for the Markdown that Whop chat and Discord
// both render (so a name like `*x*` or `@everyone` shows as typed) and bounded; the whole text is bounded too,
// below Discord's 2,000-character message limit, and the admin may edit it before it goes.
import type { ActionKind } from '../churn/actions.ts';

/** Longest text Pulse sends (the form's limit too): under Discord's 2,000 characters per message. */
export const OUTREACH_MAX_LENGTH = 1800;
/** Longest name or title taken into a template. */
const VALUE_MAX_LENGTH = 80;

export type ActivityKindName = 'message' | 'visit' | 'lesson_view' | 'lesson_complete' | 'forum_post' | 'reaction';

export interface LastActivity {
  kind: ActivityKindName;
  /** The lesson, course or post it was on, when known. */
  title: string | null;
  at: Date;
}

export interface TemplateInput {
  /** The top recommended action, or null when none applies. */
  action: ActionKind | null;
  name: string | null;
  username: string | null;
  companyName: string;
  lastActivity: LastActivity | null;
  timeZone: string;
}

/** Escapes Markdown (Whop chat and Discord share the syntax) and neutralises mentions; bounded, on one line. */
export function markdownData(value: string, max = VALUE_MAX_LENGTH): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  const bounded = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  // A zero-width space after @ stops "@everyone"/"@here" and user mentions from pinging where mentions are parsed.
  return bounded.replace(/[\\`*_~|>#[\]()<]/g, (c) => `\\${c}`).replace(/@/g, '@\u200b');
}

/** "Ann" from "Ann Archer"; the username when there is no name; "there" when neither is known. */
export function firstName(name: string | null, username: string | null): string {
  const first = name?.trim().split(/\s+/)[0];
  if (first) return markdownData(first, 40);
  return username?.trim() ? markdownData(username.trim(), 40) : 'there';
}

function dayLabel(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long' }).format(at);
}

/** What they last did, as the end of "The last thing I saw from you was …": null when nothing is known. */
export function lastActivityPhrase(a: LastActivity | null, timeZone: string): string | null {
  if (!a) return null;
  const title = a.title?.trim() ? `"${markdownData(a.title)}"` : null;
  const what: Record<ActivityKindName, string> = {
    lesson_complete: title ? `finishing the lesson ${title}` : 'finishing a lesson',
    lesson_view: title ? `watching ${title}` : 'watching a lesson',
    forum_post: 'a forum post',
    message: 'a message in the chat',
    visit: title ? `a visit to ${title}` : 'a visit',
    reaction: 'a reaction in the community',
  };
  return `${what[a.kind]} on ${dayLabel(a.at, timeZone)}`;
}

const templates: Record<ActionKind | 'none', (v: { first: string; company: string; last: string | null }) => string> = {
  payment_method_update: (v) =>
    `Hi ${v.first}, a renewal payment for your ${v.company} membership didn't go through. Could you update your payment method on Whop so you keep your access? If anything is unclear, just reply here.`,
  win_back_offer: (v) =>
    `Hi ${v.first}, I saw your ${v.company} membership is set to end.${v.last ? ` The last thing I saw from you was ${v.last}.` : ''} Is there anything we could do better? Reply here and I'll see what I can offer you to stay.`,
  re_engagement_message: (v) =>
    `Hi ${v.first}, we haven't seen you in ${v.company} for a while and wanted to check in.${v.last ? ` The last thing I saw from you was ${v.last}.` : ''} Is there anything we can help with?`,
  onboarding_call: (v) =>
    `Hi ${v.first}, would you like a free 1-on-1 call to get the most out of ${v.company}? Reply here with a time that suits you.`,
  course_nudge: (v) =>
    `Hi ${v.first}, ${v.last ? `the last thing I saw from you was ${v.last}. ` : ''}Your next lesson in ${v.company} is waiting; want a hand getting to it?`,
  none: (v) =>
    `Hi ${v.first}, just checking in from ${v.company}.${v.last ? ` The last thing I saw from you was ${v.last}.` : ''} How is it going? Anything we can help with?`,
};

/** The starting text for one member (at most OUTREACH_MAX_LENGTH characters). */
export function outreachTemplate(t: TemplateInput): string {
  const text = templates[t.action ?? 'none']({
    first: firstName(t.name, t.username),
    company: markdownData(t.companyName),
    last: lastActivityPhrase(t.lastActivity, t.timeZone),
  });
  return boundedMessage(text);
}

/** A message trimmed and cut to OUTREACH_MAX_LENGTH (the admin's edit may be longer than a platform allows). */
export function boundedMessage(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > OUTREACH_MAX_LENGTH ? `${trimmed.slice(0, OUTREACH_MAX_LENGTH - 1)}…` : trimmed;
}
