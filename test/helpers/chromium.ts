// Debian's Chromium for browser tests (playwright-core drives it; no downloaded browser). When it is
// missing the setup installs it with apt-get (as root), and otherwise fails with the command to run:
// browser tests never skip silently.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

export function ensureChromium(): string {
  if (existsSync(chromiumPath)) return chromiumPath;
  if (process.getuid?.() !== 0)
    throw new Error(`${chromiumPath} is missing: run \`sudo apt-get install -y chromium\` and test again`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env, timeout: 300_000 });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env,
    timeout: 600_000,
  });
  if (!existsSync(chromiumPath)) throw new Error(`apt-get install chromium did not provide ${chromiumPath}`);
  return chromiumPath;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
