// The link page end to end in a real browser (Debian's Chromium via playwright-core): the app on a loopback
// port, the fake Whop's consent page on another. Open the link /pulse setup gave, click "Sign in with Whop",
// click Approve at Whop, pick the company, see "Linked" — and the guild is linked in the database. The pages
// load without a CSP complaint or a script error.
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../bot/interactions/dispatch.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { people, startLinkRig, workspaceLink, type LinkRig } from './link-rig.ts';

const GUILD = '930000000000000001';
let rig: LinkRig;
let browser: Browser;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  rig = await startLinkRig({ publicUrl: `http://127.0.0.1:${port}` });
  await rig.app.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
}, 600_000); // launchChromium may have to apt-get install Chromium first
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

describe('the link page in Chromium', () => {
  it('signs in with Whop, picks the company and links the guild', async () => {
    const answer = await runCommand(rig.app.shared, {
      platform: 'discord',
      workspaceId: GUILD,
      actor: { platform: 'discord', userId: 'u-browser', isAdmin: true, roleIds: [] },
      channelId: 'general',
      name: 'pulse setup',
      options: {},
    });
    const button = answer.components[0]?.[0];
    if (button?.type !== 'link') throw new Error('no link page in the setup answer');
    rig.fake.identity.sessionUserId = people.owner.id;

    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));

    const opened = await page.goto(button.url);
    expect(opened?.status()).toBe(200);
    await page.getByRole('link', { name: 'Sign in with Whop' }).click();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('heading', { name: 'Choose your Whop company' }).waitFor();
    await page.getByRole('button', { name: 'Link to Company A' }).click();
    await page.getByRole('heading', { name: 'Linked' }).waitFor();
    expect(await page.locator('main').innerText()).toContain(`Discord server ${GUILD} now answers for Company A`);
    expect(problems).toEqual([]);
    expect(await workspaceLink(rig.pool, 'discord', GUILD)).toEqual({
      company_id: String(rig.companies.a),
      linked_by: 'discord:u-browser',
    });
    await context.close();
  });
});
