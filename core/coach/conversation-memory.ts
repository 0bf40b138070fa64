// The coach's memory of one conversation, as pure steps: the last five turns kept word for word, older ones
// folded into a short deterministic summary (what was asked, the gist of the answer), newest lines kept.
import { z } from 'zod';

export const KEPT_TURNS = 5;
const SUMMARY_LINES = 10;
const SUMMARY_CHARS = 2_000;

export const coachTurnSchema = z.object({
  at: z.string(),
  question: z.string(),
  answer: z.string(),
  answeredBy: z.string(),
});
export type CoachTurn = z.infer<typeof coachTurnSchema>;

export interface CoachMemory {
  summary: string;
  /** Oldest first, at most KEPT_TURNS. */
  turns: CoachTurn[];
}

/** Stored turns as read from jsonb; anything that is not a turn is dropped. */
export function parseTurns(stored: unknown): CoachTurn[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((t) => {
    const parsed = coachTurnSchema.safeParse(t);
    return parsed.success ? [parsed.data] : [];
  });
}

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The answer's first sentence (after any "offline analyst" lead-in line). */
function gist(answer: string): string {
  const body = answer
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^_?\(?(offline analyst|answered by)/i.test(l));
  const first = body[0] ?? '';
  const sentence = /^(.+?[.!?])(\s|$)/.exec(first)?.[1] ?? first;
  return clip(sentence.replace(/\*\*/g, ''), 160);
}

export function summaryLine(turn: CoachTurn): string {
  return `- ${turn.at.slice(0, 10)}: asked "${clip(turn.question, 140)}" -> ${gist(turn.answer)}`;
}

/** The summary with the folded turns' lines added, oldest lines dropped past the size limits. */
export function summarise(previous: string, folded: readonly CoachTurn[]): string {
  const lines = [...previous.split('\n').filter((l) => l.startsWith('- ')), ...folded.map(summaryLine)];
  let kept = lines.slice(-SUMMARY_LINES);
  while (kept.length > 1 && kept.join('\n').length > SUMMARY_CHARS) kept = kept.slice(1);
  return kept.join('\n');
}

/** The memory after one more turn: the last KEPT_TURNS turns, and the summary of everything older. */
export function remember(memory: CoachMemory, turn: CoachTurn): CoachMemory {
  const all = [...memory.turns, turn];
  const overflow = all.length - KEPT_TURNS;
  if (overflow <= 0) return { summary: memory.summary, turns: all };
  return { summary: summarise(memory.summary, all.slice(0, overflow)), turns: all.slice(overflow) };
}
