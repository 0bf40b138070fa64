// The coach's memory as pure steps: five turns kept, older ones folded into summary lines, the summary bounded.
import { describe, expect, it } from 'vitest';
import {
  KEPT_TURNS,
  parseTurns,
  remember,
  summarise,
  type CoachMemory,
  type CoachTurn,
} from './conversation-memory.ts';

const turn = (i: number, answer = `Answer ${i}. With detail.`): CoachTurn => ({
  at: `2026-03-${String(i).padStart(2, '0')}T10:00:00Z`,
  question: `Question ${i}?`,
  answer,
  answeredBy: 'offline analyst',
});

describe('remember', () => {
  it('keeps up to five turns word for word, then folds the oldest into the summary', () => {
    let memory: CoachMemory = { summary: '', turns: [] };
    for (let i = 1; i <= KEPT_TURNS; i++) memory = remember(memory, turn(i));
    expect(memory).toEqual({ summary: '', turns: [1, 2, 3, 4, 5].map((i) => turn(i)) });
    memory = remember(memory, turn(6));
    expect(memory.turns.map((t) => t.question)).toEqual([
      'Question 2?',
      'Question 3?',
      'Question 4?',
      'Question 5?',
      'Question 6?',
    ]);
    expect(memory.summary).toBe('- 2026-03-01: asked "Question 1?" -> Answer 1.');
  });

  it('summarises an offline answer by its first sentence after the lead-in, without markup', () => {
    const offline =
      "_Offline analyst: no AI model is set up, so Pulse's built-in analyst answered._\n\n**MRR** went from $290.00 to $240.00. Net new...";
    expect(summarise('', [turn(2, offline)])).toBe(
      '- 2026-03-02: asked "Question 2?" -> MRR went from $290.00 to $240.00.',
    );
  });

  it('keeps the newest 10 lines and at most 2,000 characters', () => {
    const many = summarise(
      '',
      Array.from({ length: 14 }, (_, i) => turn(i + 1)),
    );
    expect(many.split('\n')).toHaveLength(10);
    expect(many.split('\n')[0]).toContain('Question 5?');
    const long = summarise(
      '',
      Array.from({ length: 10 }, (_, i) => ({ ...turn(i + 1), question: 'x'.repeat(500), answer: 'y'.repeat(500) })),
    );
    expect(long.length).toBeLessThanOrEqual(2_000);
    expect(long.split('\n').length).toBeLessThan(10);
  });
});

describe('parseTurns', () => {
  it('drops stored entries that are not turns', () => {
    expect(parseTurns([turn(1), { question: 'no answer' }, 'text', null])).toEqual([turn(1)]);
    expect(parseTurns('not a list')).toEqual([]);
  });
});
