// Lint: typescript-eslint recommended, the module boundaries of docs/architecture.md#import-rules, and where SQL
// may live (core/db/README.md#where-sql-lives).
import tseslint from 'typescript-eslint';
import sqlPlugin from './eslint/sql-home.js';

// SQL's homes: repositories, core/db, migrations, tests (their fixtures and assertions read tables directly)
// and SQL builders named as such.
const sqlHomes = ['**/*.repository.ts', 'core/db/**', 'migrations/**', 'test/**', '**/*-sql.ts', '**/*.sql.ts'];
// SQL builders by name: they assemble statements from parts (the Whop upserts' tables and CTEs, a union of
// feature facts, the COPY of bulk loads).
const sqlBuilders = [
  'core/whop/tables.ts',
  'core/whop/upsert.ts',
  'core/churn/fact-union.ts',
  'core/load/copy-text.ts',
];
// Files whose SQL has not moved into a repository yet. This list only shrinks: move a file's statements into the
// repository of their tables, call them, and take the file off.
const sqlNotMovedYet = [
  'core/billing/tier-check.ts',
  'core/billing/tier-membership.ts',
  'core/content/content-rollup.ts',
  'core/engagement/engagement-rollup.ts',
  'core/lifecycle/erase-company.ts',
  'core/lifecycle/erase-member.ts',
  'core/lifecycle/erase-request.ts',
  'core/lifecycle/installation.ts',
  'core/lifecycle/reapproval.ts',
  'core/lifecycle/company-state.ts',
  'core/linking/bind-workspace.ts',
  'core/linking/install-grant.ts',
  'core/linking/installed-company.ts',
  'core/pipeline/refresh.ts',
  'core/tenancy/workspace-removal.ts',
  'core/whop/app-events.ts',
  'core/whop/credentials.ts',
  'core/whop/sync-activity.ts',
  'core/whop/sync-state.ts',
  'core/whop/sync.ts',
  'core/whop/webhook-apply.ts',
  'core/whop/webhook-batch.ts',
  'core/whop/webhook-inbox.ts',
  'core/whop/webhook-replay.ts',
  'server/cli/company-list.ts',
  'server/cli/company.ts',
  'server/link/dashboard-data.ts',
  'server/observability/database-gauges.ts',
  // The demo's bulk loader and seeding (COPY, sequences, the demo company) and the prior's training script
  // (scratch databases): not production paths, but their SQL should still move next to the tables it writes.
  'demo/load/catalog.ts',
  'demo/load/copy-text.ts',
  'demo/load/load-community.ts',
  'demo/load/sequences.ts',
  'demo/seed/seed.ts',
  'scripts/train-prior.ts',
];

const platform = [
  'discord.js',
  'discord.js/*',
  '@discordjs/*',
  '@slack/bolt',
  '@slack/*',
  'fastify',
  'fastify/*',
  '@fastify/*',
  'agenda',
  '@agendajs/*',
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.data/**', 'dist/**', 'docs/**', '.scratch*/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: platform,
              message: 'core/ knows nothing of Discord, Slack, Fastify or Agenda (docs/architecture.md#import-rules).',
            },
            {
              group: [
                '**/bot/**',
                '**/server/**',
                '**/charts/**',
                '../bot/*',
                '../server/*',
                '../../bot/*',
                '../../server/*',
              ],
              message: 'core/ imports nothing of ours outside core/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['charts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: platform, message: 'charts/ is pure rendering.' },
            {
              group: ['**/bot/**', '**/server/**', '../bot/*', '../server/*'],
              message: 'charts/ may import core/ types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bot/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '../server/*', '../../server/*'],
              message: 'bot/ may import core/ and charts/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: [...sqlHomes, ...sqlBuilders, ...sqlNotMovedYet],
    plugins: { pulse: sqlPlugin },
    rules: { 'pulse/sql-home': 'error' },
  },
);
