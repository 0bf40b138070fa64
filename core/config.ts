// One zod schema for the environment (docs/architecture.md#environment). Read once at start.
// A bad or missing value is reported by variable name only, never by value.
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });
const optionalText = z.string().min(1).optional();

export const envSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  PULSE_ROLE: z.enum(['all', 'web', 'worker', 'gateway']).default('all'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: url.optional(),
  PULSE_SECRET: z.string().min(32, 'must be at least 32 bytes').optional(),
  WHOP_API_KEY: optionalText,
  WHOP_API_BASE_URL: url.default('https://api.whop.com/api/v1'),
  WHOP_WEBHOOK_SECRET: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APP_ID: z
    .string()
    .regex(/^\d{5,25}$/, 'must be a Discord snowflake')
    .optional(),
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters')
    .optional(),
  DISCORD_API_BASE_URL: url.optional(),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: url.optional(),
  /** App-level token (xapp-…): Socket Mode for installs without a public URL. */
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token (xapp-…)')
    .optional(),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: url.optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** The Whop app: its id is the audience of dashboard tokens; client id/secret sign creators in with Whop. */
  WHOP_APP_ID: optionalText,
  WHOP_CLIENT_ID: optionalText,
  WHOP_CLIENT_SECRET: optionalText,
  WHOP_OAUTH_BASE_URL: url.default('https://api.whop.com/oauth'),
  /** Plan ids of Pulse's own Whop company whose memberships set a company's tier. */
  PULSE_PLAN_PRO: optionalText,
  PULSE_PLAN_ENTERPRISE: optionalText,
  /** Slack OAuth v2 distribution (per-workspace tokens); unset = single-workspace SLACK_BOT_TOKEN. */
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  /** Discord OAuth code grant for the install link; unset = register-commands and a plain invite. */
  DISCORD_CLIENT_SECRET: optionalText,
  /** Prometheus /metrics listener, off the public port (0 = a free port). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9091),
  /** Trust forwarded client addresses: `fly` (Fly-Client-IP), `true` (X-Forwarded-For), or proxy addresses. */
  TRUST_PROXY: optionalText,
  /** Days between uninstall/erase and the deletion of a company's rows. */
  ERASE_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Log lines as JSON or for reading; unset = pretty when stdout is a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
});

export type Config = z.infer<typeof envSchema> & { PUBLIC_URL: string; PULSE_SECRET: string };

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, reason: string) {
    super(`${variable} ${reason}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** Empty strings count as unset, as in most .env tooling. */
function clean(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

/** `needSecret: false` for verbs that touch only the database (migrate). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { needSecret?: boolean } = {}): Config {
  const parsed = envSchema.safeParse(clean(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const missing = issue.code === 'invalid_type' && clean(env)[variable] === undefined;
    throw new ConfigError(variable, missing ? 'is required but not set' : `is invalid (${issue.message})`);
  }
  const c = parsed.data;
  if (opts.needSecret !== false && !c.PULSE_SECRET) throw new ConfigError('PULSE_SECRET', 'is required but not set');
  return {
    ...c,
    PULSE_SECRET: c.PULSE_SECRET ?? '',
    PUBLIC_URL: c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`,
  };
}
