// Every CLI verb's declaration: its summary, options (with their help text) and settings, and `load`, which
// imports the verb's module only when it runs. `pulse help` and every `--help` are rendered from these
// declarations (help.ts) without loading any verb. The demo lives in demo/, which the production image does
// not ship (Dockerfile): there `pulse demo` says so instead of failing on a missing module.
import { fileURLToPath } from 'node:url';
import { WEBHOOK_MAX_ATTEMPTS } from '../../core/whop/webhook-attempts.ts';
import { UsageError } from '../runtime.ts';
import type { OptionSpec, SubVerb, Verb, VerbHandler } from './types.ts';

const json: OptionSpec = { type: 'boolean', help: 'print as JSON' };
const companySubverbs: Record<string, SubVerb> = {
  list: {
    summary:
      'companies: Whop id, name, tier, workspaces, last sync, state (active, needs re-approval, uninstalled, erase pending at <date>)',
    options: { json },
  },
  add: {
    summary:
      'add a company without the Whop app: read with the app key, or with its own key (checked, stored encrypted); queues its first sync',
    options: {
      whop: { type: 'string', value: '<biz_id>', required: true, help: 'the Whop company id' },
      name: { type: 'string', value: '<name>', help: 'the name shown (default: the name Whop gives, else the id)' },
      'key-stdin': {
        type: 'boolean',
        help: "read the company's own Whop API key from stdin (never from the command line)",
      },
    },
  },
  tier: {
    summary: "set a company's tier by hand (until a Pulse plan membership changes it)",
    args: '<id> <free|pro|enterprise>',
    options: {},
  },
  erase: {
    summary: 'stop posting and syncing now and delete every row of the company after ERASE_GRACE_DAYS',
    args: '<id>',
    options: {
      now: { type: 'boolean', help: 'delete now, without the grace period' },
      cancel: { type: 'boolean', help: 'cancel a pending erase; the rows are kept' },
    },
  },
  resume: {
    summary: 'clear "needs re-approval" once the creator approved Pulse\'s permissions again',
    args: '<id>',
    options: {},
  },
};

const memberErase: SubVerb = {
  summary: "delete one member's rows and personal fields; payments stay as anonymous revenue",
  options: {
    company: { type: 'string', value: '<id>', required: true, help: 'the company: Pulse id or Whop id (biz_…)' },
    user: { type: 'string', value: '<whop user id>', required: true, help: 'the member (user_…)' },
    json: { type: 'boolean', help: 'print what was deleted as JSON' },
  },
};

/** The demo's module, or a clear refusal where demo/ is not installed (the production image). */
async function loadDemo(): Promise<VerbHandler> {
  try {
    return (await import('../../demo/verb.ts')).run;
  } catch (err) {
    // Only demo/ itself missing means "no demo"; any other missing module is a real fault and stays one.
    const missing = fileURLToPath(new URL('../../demo/verb.ts', import.meta.url));
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && (err as Error).message.includes(missing)) {
      throw new UsageError(
        'this installation has no demo (the production image leaves out demo/): run ./pulse demo in a checkout of the repository',
      );
    }
    throw err;
  }
}

export const verbs: Record<string, Verb> = {
  migrate: {
    summary: 'apply pending migrations (or create an empty one)',
    options: {
      create: {
        type: 'string',
        value: '<name>',
        help: 'write a new migration named <name> from the entity diff instead of migrating',
      },
    },
    needSecret: false,
    load: async () => (await import('./migrate.ts')).run,
  },
  demo: {
    summary: 'seed a simulated community and run the whole product',
    options: {
      members: { type: 'string', value: '<n>', help: 'members of the simulated community (default 2000)' },
      seed: {
        type: 'string',
        value: '<n>',
        help: 'seed of the simulation: the same seed, the same community (default 42)',
      },
      'no-serve': { type: 'boolean', help: 'seed, sync and score, then stop instead of serving' },
    },
    demoDefaults: true,
    load: loadDemo,
  },
  sync: {
    summary: 'sync a company from Whop (resumes an interrupted sync)',
    options: {
      company: { type: 'string', value: '<id>', required: true, help: 'the company: Pulse id or Whop id (biz_…)' },
      full: { type: 'boolean', help: 'reconcile every list, also those without an updated-since filter' },
      concurrency: { type: 'string', value: '<n>', help: 'lists fetched at once, 1 to 32 (default 4)' },
      json: { type: 'boolean', help: 'print the sync report as JSON' },
    },
    load: async () => (await import('./sync.ts')).run,
  },
  webhooks: {
    summary: 're-apply stored Whop webhooks (idempotent)',
    options: {},
    subverbs: {
      replay: {
        summary: 're-apply stored Whop webhooks, oldest first; events already applied change nothing',
        options: {
          since: { type: 'string', value: '<date>', help: 'only events received since this ISO date or time' },
          company: { type: 'string', value: '<id>', help: 'only this company (Pulse id or Whop id)' },
          unapplied: { type: 'boolean', help: 'only events not applied yet' },
          dead: { type: 'boolean', help: `also events given up after ${WEBHOOK_MAX_ATTEMPTS} failed attempts` },
          json: { type: 'boolean', help: 'print the counts as JSON' },
        },
      },
    },
    needSecret: false,
    load: async () => (await import('./webhooks.ts')).run,
  },
  churn: {
    summary: 'score every counted member: probability, risk, top factors',
    options: {
      company: { type: 'string', value: '<id>', required: true, help: 'the company: Pulse id or Whop id (biz_…)' },
      json: { type: 'boolean', help: 'print the scores, factors and actions as JSON' },
      'as-of': { type: 'string', value: '<time>', help: 'score as at this ISO date or time (default: now)' },
    },
    needSecret: false,
    load: async () => (await import('./churn.ts')).run,
  },
  metrics: {
    summary:
      'revenue figures of a period and the one before (or the memberships behind a figure, or per plan or product)',
    options: {
      company: { type: 'string', value: '<id>', required: true, help: 'the company: Pulse id or Whop id (biz_…)' },
      from: { type: 'string', value: '<date>', required: true, help: 'first day of the period, YYYY-MM-DD' },
      to: { type: 'string', value: '<date>', required: true, help: 'last day included, YYYY-MM-DD' },
      json: { type: 'boolean', help: 'print the whole answer as JSON, money in minor units' },
      'as-of': { type: 'string', value: '<time>', help: 'figures as known at this ISO date or time (default: now)' },
      members: {
        type: 'string',
        value: '<figure>',
        help: 'the memberships behind new, reactivation, expansion, contraction, churn, past-due, recovered, refunds (or any figure)',
      },
      by: { type: 'string', value: 'plan|product', help: 'the figures per plan or per product' },
    },
    needSecret: false,
    load: async () => (await import('./metrics.ts')).run,
  },
  link: {
    summary: 'attach a Discord server or Slack workspace to a company',
    options: {
      company: { type: 'string', value: '<id>', required: true, help: 'the company: Pulse id or Whop id (biz_…)' },
      discord: { type: 'string', value: '<guild id>', help: 'the Discord server (give this or --slack)' },
      slack: { type: 'string', value: '<team id>', help: 'the Slack workspace, T… or E… (give this or --discord)' },
    },
    needSecret: false,
    load: async () => (await import('./link.ts')).run,
  },
  'register-commands': {
    summary: "register Pulse's slash commands with Discord (globally, or in one server)",
    options: {
      guild: { type: 'string', value: '<id>', help: 'only in this Discord server, where they appear at once' },
    },
    needSecret: false,
    load: async () => (await import('./register-commands.ts')).run,
  },
  'report-link': {
    summary: 'print a signed, expiring report URL',
    options: {
      company: { type: 'string', value: '<id>', required: true, help: 'the company: Pulse id or Whop id (biz_…)' },
      kind: {
        type: 'string',
        value: '<kind>',
        required: true,
        help: 'overview, revenue, engagement, churn, content or member',
      },
      expires: { type: 'string', value: '<days>', help: 'days the link stays valid' },
      member: { type: 'string', value: '<whop user id>', help: 'the member a member report is about' },
      period: { type: 'string', value: '<name>', help: 'the period the report shows' },
    },
    demoSecret: true,
    load: async () => (await import('./report-link.ts')).run,
  },
  company: {
    summary: 'list, add, tier, erase or resume companies',
    options: {},
    subverbs: companySubverbs,
    load: async () => (await import('./company.ts')).run,
  },
  member: {
    summary: "erase one member's rows and personal fields",
    options: {},
    subverbs: { erase: memberErase },
    needSecret: false,
    load: async () => (await import('./member.ts')).run,
  },
  serve: {
    summary: 'start a role on a migrated database (the HTTP server, the worker, the Discord gateway)',
    // --role overrides PULSE_ROLE (fly.toml's process groups share one environment).
    options: { role: { type: 'string', value: '<role>', help: 'all, web, worker or gateway (default: PULSE_ROLE)' } },
    load: async () => (await import('./serve.ts')).run,
  },
};
