// Log redaction on whole JSON lines: secret-named keys at any depth, tokens in URLs and text, emails.
import { describe, expect, it } from 'vitest';
import { redactionPatterns, redactLine, redactText } from '../../server/observability/index.ts';

describe('redactText', () => {
  it.each([
    ['mail ann.lee+vip@example.co.uk now', 'mail [email] now'],
    [
      'POST https://discord.com/api/v10/webhooks/123456789012345678/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpabc-_.x/messages/@original',
      'POST https://discord.com/api/v10/webhooks/123456789012345678/[redacted]/messages/@original',
    ],
    [
      '/api/v10/interactions/987654321098765432/aW50ZXJhY3Rpb246OTg3NjU0MzIxMDk4NzY1NDMyOmFiYw/callback',
      '/api/v10/interactions/987654321098765432/[redacted]/callback',
    ],
    [
      'respond to https://hooks.slack.com/actions/T0123/456789/AbCdEfGhIjKl then stop',
      'respond to https://hooks.slack.com/[redacted] then stop',
    ],
    ['GET /r/v1.eyJ0aWQiOiJhYmMifQ.c2lnbmF0dXJl?x=1', 'GET /r/[redacted]?x=1'],
    ['"url":"/r/tok_9f8e7d.csv"', '"url":"/r/[redacted].csv"'],
    ['see https://pulse.example.com/r/abcDEF123/chart.png', 'see https://pulse.example.com/r/[redacted]/chart.png'],
    ['Authorization: Bearer apik_live_0123456789abcdef', 'Authorization: Bearer [redacted]'],
    [
      'Authorization: Bot MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123',
      'Authorization: Bot [redacted]',
    ],
    ['key sk-proj-AbCdEf0123456789xyz used', 'key [redacted] used'],
    ['slack xoxb-1234-5678-AbCdEfGh and xapp-1-A0B1-2345-abcdef', 'slack [redacted] and [redacted]'],
    ['secret ws_5f1c0ffee7a1b2c3d4e5f60718293a4b', 'secret [redacted]'],
    ['db postgres://pulse:hunter2@db.internal:5432/pulse', 'db postgres://pulse:[redacted]@db.internal:5432/pulse'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves ordinary text, ids and local URLs alone', () => {
    const text = 'POST /webhooks/whop 200 biz_abc123 mem_42 postgres://postgres@127.0.0.1:5432/pulse /reports/x';
    expect(redactText(text)).toBe(text);
  });
});

describe('redactLine', () => {
  it('blanks values of secret-named keys at any depth, and keeps the line valid JSON', () => {
    const line =
      JSON.stringify({
        level: 30,
        token: 'tok "quoted" \\ value',
        body: {
          response_url: 'https://example.test/x',
          nested: { access_token: 'abc', apiKey: 'k1', email: 'a@b.io' },
        },
        headers: { authorization: 'Bearer zzz', 'x-signature-ed25519': 'ff', 'webhook-signature': 'v1,abc' },
        WHOP_API_KEY: 'apik_1',
        PULSE_SECRET: 's',
        tokenId: 'kept',
        tokens: 12,
        msg: 'hi',
      }) + '\n';
    const out = JSON.parse(redactLine(line));
    expect(out).toEqual({
      level: 30,
      token: '[redacted]',
      body: {
        response_url: '[redacted]',
        nested: { access_token: '[redacted]', apiKey: '[redacted]', email: '[redacted]' },
      },
      headers: { authorization: '[redacted]', 'x-signature-ed25519': '[redacted]', 'webhook-signature': '[redacted]' },
      WHOP_API_KEY: '[redacted]',
      PULSE_SECRET: '[redacted]',
      tokenId: 'kept',
      tokens: 12,
      msg: 'hi',
    });
  });
});

describe('no false alarms in prose', () => {
  it('keeps words after "Bot" and "Bearer"', () => {
    expect(redactText('Bot disconnected; Bearer tokens expire')).toBe('Bot disconnected; Bearer tokens expire');
  });
});

/** Quantifiers with no upper bound (`*`, `+`, `{n,}`) outside character classes, in a pattern's source. */
function openEndedQuantifiers(source: string): string[] {
  const withoutClasses = source.replace(/\\./g, 'e').replace(/\[[^\]]*\]/g, 'c');
  return withoutClasses.match(/[*+]|\{\d+,\}/g) ?? [];
}

describe('redaction stays linear on hostile input', () => {
  it('blanks one-time values in query strings and setup link tokens', () => {
    const line = JSON.stringify({
      url: '/slack/oauth_redirect?code=123.456.abc&state=s7Zk2Yq9&x=1',
      other: '/discord/install?grant=eyZ0abc.def',
      page: '/link/AbCdEf0123456789_-AbCdEf0123456789',
    });
    const out = redactLine(line);
    expect(out).not.toMatch(/123\.456|s7Zk2Yq9|eyZ0abc|AbCdEf0123456789/);
    expect(JSON.parse(out)).toEqual({
      url: '/slack/oauth_redirect?code=[redacted]&state=[redacted]&x=1',
      other: '/discord/install?grant=[redacted]',
      page: '/link/[redacted]',
    });
  });

  it('has no open-ended quantifier in any pattern (each match scans a bounded stretch)', () => {
    expect(openEndedQuantifiers('[A-Za-z0-9._%+-]+@[a-z]{2,}\\.x*')).toEqual(['+', '{2,}', '*']); // the check itself bites
    expect(redactionPatterns.length).toBeGreaterThanOrEqual(14);
    for (const re of redactionPatterns)
      expect({ pattern: re.source, open: openEndedQuantifiers(re.source) }).toEqual({ pattern: re.source, open: [] });
  });

  it('cuts a 15,000-character URL to 2,000 characters with a marker before redacting, and the line stays JSON', () => {
    const url = `/${'a'.repeat(14_997)}@a`;
    const out = JSON.parse(
      redactLine(JSON.stringify({ level: 30, req: { method: 'GET', url }, msg: 'incoming request' }) + '\n'),
    );
    expect(out.req.url).toBe(`${url.slice(0, 2000)}…[cut 13000]`);
    expect(out.msg).toBe('incoming request');
  });

  it('cuts every long string value, counting escaped characters as one, and keeps short ones whole', () => {
    const quotes = '"'.repeat(2500);
    const line = JSON.stringify({ a: quotes, b: 'short', c: ['é'.repeat(2001), 'x'.repeat(2000)] }) + '\n';
    expect(JSON.parse(redactLine(line))).toEqual({
      a: `${'"'.repeat(2000)}…[cut 500]`,
      b: 'short',
      c: [`${'é'.repeat(2000)}…[cut 1]`, 'x'.repeat(2000)],
    });
  });

  it('still redacts secrets, tokens and emails in long values (within what is kept)', () => {
    const line =
      JSON.stringify({
        token: 't'.repeat(5000),
        msg: `ping ann@example.com with sk-proj-AbCdEf0123456789xyz ${'z'.repeat(4000)}`,
        url: `/r/rpt_Zm9vYmFyYmF6.csv?q=${'q'.repeat(3000)}`,
      }) + '\n';
    const out = JSON.parse(redactLine(line));
    expect(out.token).toBe('[redacted]');
    expect(out.msg.startsWith('ping [email] with [redacted] zzz')).toBe(true);
    expect(out.url.startsWith('/r/[redacted].csv?q=qqq')).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/ann@example|AbCdEf0123456789|Zm9vYmFyYmF6/);
  });
});
