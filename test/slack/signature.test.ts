// POST /slack/events refuses what Slack did not sign: a wrong signature, a missing header, a timestamp more than
// 5 minutes old or more than 5 minutes ahead (Bolt alone accepts the future) — 401 with nothing run; answers
// url_verification; 400 for a signed body that is not a Slack payload; 503 while Slack is not configured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { buildApp } from '../../server/app.ts';
import { withPool } from '../helpers/db.ts';
import { formContentType, jsonContentType, signSlackRequest, slashCommandBody } from '../fakes/slack/requests.ts';
import { SIGNING_SECRET, startSlackRig, type SlackRig } from './harness.ts';

const who = { teamId: 'TSIGN0001', userId: 'USIGNER01', channelId: 'CSIGN0001' };
const now = () => Math.floor(Date.now() / 1000);

describe('POST /slack/events signatures', () => {
  let rig: SlackRig;
  beforeAll(async () => {
    rig = await startSlackRig();
    rig.fake.addUser({ id: who.userId, teamId: who.teamId });
  });
  afterAll(async () => {
    await rig?.close();
  });

  const help = (id: string) => slashCommandBody({ ...who, text: 'help', responseUrl: rig.fake.responseUrl(id) });

  it('refuses a wrong signature, a tampered body and missing headers with 401, running nothing', async () => {
    // A rig of its own: closing it waits for anything a request started, so "nothing ran" is read when nothing
    // more can come, not after a guessed pause.
    const own = await startSlackRig();
    try {
      own.fake.addUser({ id: who.userId, teamId: who.teamId });
      const body = (id: string) => slashCommandBody({ ...who, text: 'help', responseUrl: own.fake.responseUrl(id) });
      const wrong = await own.post(body('wrong'), formContentType, { secret: 'another-secret' });
      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.body)).toEqual({ error: 'Invalid Slack signature', statusCode: 401 });
      const signed = signSlackRequest(SIGNING_SECRET, body('tampered'), formContentType);
      const tampered = await own.app.inject({
        method: 'POST',
        url: '/slack/events',
        headers: signed.headers,
        payload: signed.body.replace('help', 'churn'),
      });
      expect(tampered.statusCode).toBe(401);
      const { 'x-slack-signature': _sig, ...unsigned } = signed.headers;
      expect(
        (await own.app.inject({ method: 'POST', url: '/slack/events', headers: unsigned, payload: signed.body }))
          .statusCode,
      ).toBe(401);
      const { 'x-slack-request-timestamp': _ts, ...undated } = signed.headers;
      expect(
        (await own.app.inject({ method: 'POST', url: '/slack/events', headers: undated, payload: signed.body }))
          .statusCode,
      ).toBe(401);
      // A signed one on the same rig is answered: the checks below could see a request that ran.
      expect((await own.post(body('signed'), formContentType)).status).toBe(200);
      await own.drained();
      expect(own.fake.responses.map((r) => r.id)).toEqual(['signed']);
      expect(own.logs.join('').match(/slack request refused/g)).toHaveLength(4);
    } finally {
      await own.close();
    }
  });

  it('refuses a stale timestamp (6 minutes old) with 401', async () => {
    const r = await rig.post(help('stale'), formContentType, { timestamp: now() - 6 * 60 });
    expect(r.status).toBe(401);
  });

  it('refuses a future timestamp (6 minutes ahead) with 401', async () => {
    const r = await rig.post(help('future'), formContentType, { timestamp: now() + 6 * 60 });
    expect(r.status).toBe(401);
  });

  it('accepts timestamps inside the window, both sides, and answers them', async () => {
    expect((await rig.post(help('past-ok'), formContentType, { timestamp: now() - 4 * 60 })).status).toBe(200);
    expect((await rig.post(help('future-ok'), formContentType, { timestamp: now() + 4 * 60 })).status).toBe(200);
    expect(await rig.responses('past-ok')).toHaveLength(1);
    expect(await rig.responses('future-ok')).toHaveLength(1);
  });

  it('answers url_verification with the challenge', async () => {
    const r = await rig.post(
      JSON.stringify({ token: 't', challenge: 'c-3f9a', type: 'url_verification' }),
      jsonContentType,
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ challenge: 'c-3f9a' });
  });

  it('answers 400 to a signed body that is not a Slack payload', async () => {
    expect((await rig.post('{"event":', jsonContentType)).status).toBe(400);
    expect((await rig.post('payload=%7Bnot-json', formContentType)).status).toBe(400);
    expect((await rig.post('hello', 'text/plain')).status).toBe(400);
  });

  it('never writes the signing secret or the bot token to the log', () => {
    const log = rig.logs.join('');
    expect(log).toContain('slack request refused');
    expect(log).not.toContain(SIGNING_SECRET);
    expect(log).not.toContain(rig.fake.token);
  });
});

describe('POST /slack/events without Slack configured', () => {
  it('answers 503 naming the missing variable', async () => {
    await using db = await withPool();
    for (const [env, missing] of [
      [{}, 'SLACK_SIGNING_SECRET'],
      [{ SLACK_SIGNING_SECRET: SIGNING_SECRET }, 'SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, or SLACK_BOT_TOKEN'],
    ] as const) {
      const config = loadConfig({
        DATABASE_URL: db.url,
        PULSE_SECRET: 'slack-test-secret-0123456789abcdef0123456',
        ...env,
      });
      const app = await buildApp({ config, db: db.pool, logger: false });
      try {
        const signed = signSlackRequest(SIGNING_SECRET, 'command=%2Fpulse', formContentType);
        const r = await app.inject({
          method: 'POST',
          url: '/slack/events',
          headers: signed.headers,
          payload: signed.body,
        });
        expect(r.statusCode).toBe(503);
        expect(r.json()).toEqual({ error: `Slack is not configured (${missing})`, statusCode: 503 });
      } finally {
        await app.close();
      }
    }
  });
});
