// A fake Whop dataset from the simulator's materialized community (demo/sim), with comment counts made consistent
// with the comments present (the fake answers as one coherent Whop would).
import type { MaterializedSim } from '../sim/index.ts';
import type { FakeCompanyData } from './dataset.ts';

export function companyFromSim(sim: MaterializedSim): FakeCompanyData {
  const comments = new Map<string, number>();
  for (const p of sim.forumPosts)
    if (p.post.parent_id) comments.set(p.post.parent_id, (comments.get(p.post.parent_id) ?? 0) + 1);
  return {
    company: { id: sim.company.id, title: sim.company.title, route: sim.company.route },
    products: sim.products,
    plans: sim.plans,
    members: sim.members,
    memberships: sim.memberships,
    payments: sim.payments,
    refunds: sim.refunds,
    disputes: [],
    courses: sim.courses,
    lessons: sim.lessons.map((l) => ({ course_id: l.course_id, lesson: l.lesson })),
    lessonInteractions: sim.lessonInteractions,
    chatChannels: sim.channels,
    messages: sim.messages.map((m) => ({ channel_id: m.channel_id, message: m.message })),
    forums: sim.forums,
    forumPosts: sim.forumPosts.map((p) => ({
      experience_id: p.experience_id,
      post: { ...p.post, comment_count: comments.get(p.post.id) ?? p.post.comment_count },
    })),
  };
}
