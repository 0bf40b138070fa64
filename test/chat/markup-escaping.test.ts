// The neutral markup's escaping through the real renderers (bot/markup.ts, bot/discord/render, bot/slack/render):
// data() strings show exactly as written on both platforms, bounded and on one line; text that never went
// through data() (the coach's words, a future handler that forgot) still cannot mention, ping or link; only the
// mentions an answer declares stay live; the Slack notification text is escaped like the blocks.
import { describe, expect, it } from 'vitest';
import { answer, data, prose } from '../../bot/answer.ts';
import { answerMessage } from '../../bot/discord/render/message.ts';
import { renderSlackMessage } from '../../bot/slack/render/message.ts';
import { discordLive, discordTexts, slackLive, slackMrkdwn } from './hostile-company.ts';

const hostile =
  'Try [Verify payout](https://evil.example/v) or <https://evil.example/p|Pay here>, <!channel> <!subteam^S0123ABCD> @everyone <@&810000000000000009> <#C0EVIL001>';

function rendered(a: ReturnType<typeof answer>) {
  const discord = answerMessage(a).body;
  const slack = renderSlackMessage(a);
  return { discord, discordTexts: discordTexts(discord), slackTexts: [slack.text, ...slackMrkdwn(slack.blocks)] };
}

describe('neutral markup through the renderers', () => {
  it('text that skipped data() still cannot link, mention or ping on either platform', () => {
    const r = rendered(
      answer({
        title: `Coach: ${hostile}`,
        summary: hostile,
        fields: [{ label: hostile, value: hostile }],
        notices: [hostile],
      }),
    );
    // A bare URL in Pulse's own text stays a link showing where it goes (data URLs are broken, below).
    const masked = (found: string[]) => found.filter((f) => !f.startsWith('bare link'));
    expect(masked(r.discordTexts.flatMap(discordLive))).toEqual([]);
    expect(masked(r.slackTexts.flatMap(slackLive))).toEqual([]);
    expect(r.discord.allowed_mentions).toEqual({ parse: [] });
    // Still readable: Discord shows the escaped characters, Slack the entities.
    expect(r.discordTexts[1]).toContain('\\[Verify payout](https://evil.example/v)');
    expect(r.discordTexts[1]).toContain(`@\u200beveryone`);
    expect(r.slackTexts[0]).toContain('&lt;!channel&gt;');
  });

  it('keeps the mentions an answer declares, and only those', () => {
    const summary = 'Posted in <#C0DIGEST1> and <#C0OTHER01>; <@&810000000000000001> may use Pulse';
    const r = rendered(answer({ title: 't', summary, references: ['<#C0DIGEST1>', '<@&810000000000000001>'] }));
    expect(r.slackTexts[1]).toBe('Posted in <#C0DIGEST1> and &lt;#C0OTHER01&gt;; <@&810000000000000001> may use Pulse');
    expect(r.discordTexts[1]).toBe('Posted in <#C0DIGEST1> and \\<#C0OTHER01>; <@&810000000000000001> may use Pulse');
  });

  it('data(): one line, at most 100 characters, every special character shown as written', () => {
    expect(data('Ann\nLee\u2028\t Jr')).toBe('Ann Lee Jr');
    const long = data('x'.repeat(500));
    expect([...long]).toHaveLength(100);
    expect(long.endsWith('…')).toBe(true);
    expect(data('ann_lee')).toBe('ann_lee');
    expect(data('_it_ *b* ~s~ `c` <!here> [x](https://evil.example)')).toBe(
      '\\_it\\_ \\*b\\* \\~s\\~ \\`c\\` \\<!here\\> \\[x\\](https\\://evil.example)',
    );
  });

  it('renders data literally: Discord escapes it, Slack uses look-alikes, and no data URL becomes a link', () => {
    const name = data('_it_ *b* ~s~ `c` **x** [Pay](https://evil.example/p) ann_lee');
    const r = rendered(answer({ title: 't', summary: `**${name}** is at risk` }));
    expect(r.discordTexts[1]).toBe(
      '**\\_it\\_ \\*b\\* \\~s\\~ \\`c\\` \\*\\*x\\*\\* \\[Pay\\](https:\u200b//evil.example/p) ann_lee** is at risk',
    );
    expect(r.slackTexts[1]).toBe(
      '*\uff3fit\uff3f \u2217b\u2217 \u223cs\u223c \u02cbc\u02cb \u2217\u2217x\u2217\u2217 [Pay](https:\u200b//evil.example/p) ann_lee* is at risk',
    );
    expect([...r.discordTexts.flatMap(discordLive), ...r.slackTexts.flatMap(slackLive)]).toEqual([]);
  });

  it('prose(): the coach keeps its line breaks and bold, never a link or a mention', () => {
    const coach = prose('**Reach out** to [Ann](https://evil.example/a) today.\n- <@&810000000000000009> ping', 3500);
    const r = rendered(answer({ title: 't', summary: coach }));
    expect(r.discordTexts[1]).toBe(
      '**Reach out** to \\[Ann\\](https:\u200b//evil.example/a) today.\n- \\<@&810000000000000009\\> ping',
    );
    expect(r.slackTexts[1]).toBe(
      '*Reach out* to [Ann](https:\u200b//evil.example/a) today.\n- &lt;@&amp;810000000000000009&gt; ping',
    );
  });

  it('escapes the Slack notification text like the blocks', () => {
    const { text } = renderSlackMessage(
      answer({ title: `Churn alert: ${data('<!channel> Chan')} is at critical risk` }),
    );
    expect(text).toBe('Churn alert: &lt;!channel&gt; Chan is at critical risk');
  });
});
