// Log redaction on whole JSON lines: secret-named keys at any depth, tokens in URLs and text, emails.
import { describe, expect, it } from 'vitest';
import { redactLine, redactText } from '../../server/observability/index.ts';

describe('redactText', () => {
  it.each([
    ['mail ann.lee+vip@example.co.uk now', 'mail [email] now'],
    ['POST https://discord.com/api/v10/webhooks/123456789012345678/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpabc-_.x/messages/@original',
      'POST https://discord.com/api/v10/webhooks/123456789012345678/[redacted]/messages/@original'],
    ['/api/v10/interactions/987654321098765432/aW50ZXJhY3Rpb246OTg3NjU0MzIxMDk4NzY1NDMyOmFiYw/callback',
      '/api/v10/interactions/987654321098765432/[redacted]/callback'],
    ['respond to https://hooks.slack.com/actions/T0123/456789/AbCdEfGhIjKl then stop', 'respond to https://hooks.slack.com/[redacted] then stop'],
    ['GET /r/v1.eyJ0aWQiOiJhYmMifQ.c2lnbmF0dXJl?x=1', 'GET /r/[redacted]?x=1'],
    ['"url":"/r/tok_9f8e7d.csv"', '"url":"/r/[redacted].csv"'],
    ['see https://pulse.example.com/r/abcDEF123/chart.png', 'see https://pulse.example.com/r/[redacted]/chart.png'],
    ['Authorization: Bearer apik_live_0123456789abcdef', 'Authorization: Bearer [redacted]'],
    ['Authorization: Bot MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123', 'Authorization: Bot [redacted]'],
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
    const line = JSON.stringify({
      level: 30, token: 'tok "quoted" \\ value', body: { response_url: 'https://example.test/x', nested: { access_token: 'abc', apiKey: 'k1', email: 'a@b.io' } },
      headers: { authorization: 'Bearer zzz', 'x-signature-ed25519': 'ff', 'webhook-signature': 'v1,abc' }, WHOP_API_KEY: 'apik_1', PULSE_SECRET: 's',
      tokenId: 'kept', tokens: 12, msg: 'hi',
    }) + '\n';
    const out = JSON.parse(redactLine(line));
    expect(out).toEqual({
      level: 30, token: '[redacted]', body: { response_url: '[redacted]', nested: { access_token: '[redacted]', apiKey: '[redacted]', email: '[redacted]' } },
      headers: { authorization: '[redacted]', 'x-signature-ed25519': '[redacted]', 'webhook-signature': '[redacted]' },
      WHOP_API_KEY: '[redacted]', PULSE_SECRET: '[redacted]', tokenId: 'kept', tokens: 12, msg: 'hi',
    });
  });
});

describe('no false alarms in prose', () => {
  it('keeps words after "Bot" and "Bearer"', () => {
    expect(redactText('Bot disconnected; Bearer tokens expire')).toBe('Bot disconnected; Bearer tokens expire');
  });
});
