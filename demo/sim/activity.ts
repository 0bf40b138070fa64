// A member's activity up to endDate, driven by their daily engagement: visits (presence on Discord/Slack;
// Whop has no visit API), chat messages and forum posts with weekday/hour rhythm, and course progress
// lesson by lesson with drop-off.
import type { CourseLessonInteraction, ForumPost, Message } from '@whop/sdk/resources/shared';
import type { Content, SimLesson } from './content.ts';
import type { MemberHistory } from './history.ts';
import type { IdMaker } from './ids.ts';
import { cumulative, type Rng } from '../../core/random.ts';
import { DAY_MS, iso, momentInDay, weekdayFactor } from './time.ts';

/** A chat message and the channel it was posted in (a Whop Message does not carry it). */
export interface SimMessage {
  channel_id: string;
  message: Message;
}
/** A forum post and its forum (a Whop ForumPost does not carry it). */
export interface SimForumPost {
  forum_id: string;
  experience_id: string;
  post: ForumPost;
}

export interface Activity {
  visits: number[];
  messages: SimMessage[];
  forumPosts: SimForumPost[];
  lessonInteractions: CourseLessonInteraction[];
}

const KIND_CUM = cumulative([0.55, 0.37, 0.08]);
const CHANNEL_CUM = cumulative([0.6, 0.15, 0.25]);
const LINES = [
  'gm everyone',
  'Just finished the first module, great stuff',
  'Anyone around for a quick question?',
  'Big win today!',
  'Thanks for the help yesterday',
  'What do you all think about this week?',
  'Sharing my progress',
  'Where do I find the replay?',
  'This changed how I work',
  'Love this community',
];
const TITLES = [
  'My results so far',
  'Question about the strategy',
  'Weekly check-in',
  'Resources I found useful',
  'Intro post',
];

export function isPresent(presence: ReadonlyArray<readonly [number, number]>, ms: number): boolean {
  for (const [from, to] of presence) if (ms >= from && ms < to) return true;
  return false;
}

export function generateActivity(
  h: MemberHistory,
  content: Content,
  ids: IdMaker,
  rng: Rng,
  endMs: number,
  perMonth: number,
): Activity {
  const out: Activity = { visits: [], messages: [], forumPosts: [], lessonInteractions: [] };
  const user = { id: h.userId, name: h.name, username: h.username };
  const scale = perMonth / 30;
  let lastPostId: string | null = null;
  const times: number[] = [];
  for (const [from, to] of h.presence) {
    const stop = Math.min(to, endMs);
    for (let day = Math.floor(from / DAY_MS); day * DAY_MS < stop; day++) {
      const e = h.path[day - h.pathStartDay] ?? 0;
      if (e <= 0) continue;
      const n = rng.poisson(scale * (e / 0.45) ** 1.2 * weekdayFactor(day));
      if (n === 0) continue;
      times.length = 0;
      for (let k = 0; k < n; k++) times.push(momentInDay(rng, day * DAY_MS));
      if (n > 1) times.sort((a, b) => a - b);
      for (const t of times) {
        if (t < from || t >= stop) continue;
        const kind = rng.weighted(KIND_CUM);
        if (kind === 0) out.visits.push(t);
        else if (kind === 1) {
          const channel = content.channels[rng.weighted(CHANNEL_CUM)]!;
          const at = iso(t);
          out.messages.push({
            channel_id: channel.id,
            message: {
              id: ids.next('msg'),
              content: rng.pick(LINES),
              created_at: at,
              is_edited: false,
              is_pinned: false,
              mentions: [],
              mentions_everyone: false,
              message_type: 'regular',
              poll: null,
              poll_votes: [],
              reaction_counts: [],
              replying_to_message_id: null,
              updated_at: at,
              user,
              view_count: null,
            },
          });
        } else {
          const forum = content.forums[0]!;
          const at = iso(t);
          const comment = lastPostId !== null && rng.chance(0.3);
          const id = ids.next('post');
          out.forumPosts.push({
            forum_id: forum.id,
            experience_id: forum.experience.id,
            post: {
              id,
              attachments: [],
              comment_count: 0,
              content: rng.pick(LINES),
              created_at: at,
              is_edited: false,
              is_pinned: false,
              is_poster_admin: false,
              like_count: rng.int(6),
              parent_id: comment ? lastPostId : null,
              title: comment ? null : rng.pick(TITLES),
              updated_at: at,
              user,
              view_count: 1 + rng.int(40),
            },
          });
          if (!comment) lastPostId = id;
        }
      }
    }
  }
  content.courseLessons.forEach((lessons) => takeCourse(h, lessons, ids, rng, endMs, out.lessonInteractions));
  return out;
}

/** Start the course with a chance that grows with engagement, then go lesson by lesson until dropping off. */
function takeCourse(
  h: MemberHistory,
  lessons: SimLesson[],
  ids: IdMaker,
  rng: Rng,
  endMs: number,
  out: CourseLessonInteraction[],
): void {
  const first = lessons[0];
  if (!first || !rng.chance(0.15 + 0.7 * h.baseEngagement)) return;
  let t = Math.max(h.joinMs, Date.parse(first.lesson.created_at)) + rng.exp(8 * DAY_MS);
  const user = { id: h.userId, name: h.name, username: h.username };
  for (const l of lessons) {
    if (t >= endMs || !isPresent(h.presence, t)) return;
    const e = h.path[Math.floor(t / DAY_MS) - h.pathStartDay] ?? 0;
    out.push({
      id: ids.next('crsi'),
      completed: rng.chance(0.6 + 0.35 * e),
      created_at: iso(t),
      course: { id: l.course_id, experience: { id: l.experience_id }, title: l.course_title },
      lesson: { id: l.lesson.id, chapter: { id: l.chapter_id }, title: l.lesson.title },
      user,
    });
    if (!rng.chance(0.72 + 0.26 * e)) return;
    t += rng.exp((1.5 + 5 * (1 - e)) * DAY_MS);
  }
}
