// Bolt's and the Web API client's logger, written to Pulse's structured log. Debug lines are dropped whatever
// the level: at debug Bolt prints every request body, and the setup modal's body carries a Whop API key.
import { LogLevel, type Logger } from '@slack/bolt';
import type { BotLogger } from '../deps.ts';

function text(msg: unknown[]): string {
  return msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
}

export function boltLogger(log: BotLogger): Logger {
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => log.info({ source: 'slack' }, text(msg)),
    warn: (...msg: unknown[]) => log.warn({ source: 'slack' }, text(msg)),
    error: (...msg: unknown[]) => log.error({ source: 'slack' }, text(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
