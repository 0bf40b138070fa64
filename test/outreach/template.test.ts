// The starting text of "Reach out": one template per recommended action, with the member's first name and what
// they last did (dates in the company's time zone), every value from Whop escaped for Markdown with mentions
// neutralised, and the whole bounded. Expected texts are written out by hand.
import { describe, expect, it } from 'vitest';
import {
  boundedMessage,
  firstName,
  lastActivityPhrase,
  markdownData,
  OUTREACH_MAX_LENGTH,
  outreachTemplate,
} from '../../core/outreach/template.ts';

const base = { name: 'Ann Archer', username: 'ann', companyName: 'Acme Academy', timeZone: 'UTC', lastActivity: null };

describe('outreach template', () => {
  it('writes one text per recommended action', () => {
    expect(outreachTemplate({ ...base, action: 'onboarding_call' })).toBe(
      'Hi Ann, would you like a free 1-on-1 call to get the most out of Acme Academy? Reply here with a time that suits you.',
    );
    expect(
      outreachTemplate({
        ...base,
        action: 'win_back_offer',
        lastActivity: { kind: 'forum_post', title: null, at: new Date('2026-04-02T09:00:00Z') },
      }),
    ).toBe(
      "Hi Ann, I saw your Acme Academy membership is set to end. The last thing I saw from you was a forum post on 2 April. Is there anything we could do better? Reply here and I'll see what I can offer you to stay.",
    );
    expect(
      outreachTemplate({
        ...base,
        action: 'course_nudge',
        lastActivity: { kind: 'lesson_view', title: 'Pricing 101', at: new Date('2026-04-03T23:30:00Z') },
        timeZone: 'Asia/Tokyo',
      }),
    ).toBe(
      'Hi Ann, the last thing I saw from you was watching "Pricing 101" on 4 April. Your next lesson in Acme Academy is waiting; want a hand getting to it?',
    );
    expect(outreachTemplate({ ...base, action: null, name: null, username: null })).toBe(
      'Hi there, just checking in from Acme Academy. How is it going? Anything we can help with?',
    );
  });

  it('escapes Markdown and neutralises mentions in names and titles', () => {
    expect(firstName('*Bo*_ Lee', null)).toBe('\\*Bo\\*\\_');
    expect(firstName(null, '@everyone')).toBe('@\u200beveryone');
    expect(markdownData('[click](http://x) <@123> `x` # y')).toBe(
      '\\[click\\]\\(http://x\\) \\<@\u200b123\\> \\`x\\` \\# y',
    );
    expect(
      lastActivityPhrase(
        { kind: 'lesson_complete', title: '**Big** lesson', at: new Date('2026-04-09T18:00:00Z') },
        'UTC',
      ),
    ).toBe('finishing the lesson "\\*\\*Big\\*\\* lesson" on 9 April');
  });

  it('bounds values and the whole text', () => {
    const long = 'x'.repeat(500);
    expect(markdownData(long)).toHaveLength(80);
    expect(outreachTemplate({ ...base, action: null, companyName: long }).length).toBeLessThan(OUTREACH_MAX_LENGTH);
    expect(boundedMessage('y'.repeat(5000))).toHaveLength(OUTREACH_MAX_LENGTH);
    expect(boundedMessage('  hi  ')).toBe('hi');
  });
});
