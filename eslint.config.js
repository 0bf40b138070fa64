// Lint: typescript-eslint recommended, plus the module boundaries of docs/architecture.md#import-rules.
import tseslint from 'typescript-eslint';

const platform = ['discord.js', 'discord.js/*', '@discordjs/*', '@slack/bolt', '@slack/*', 'fastify', 'fastify/*', '@fastify/*', 'agenda', '@agendajs/*'];

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
      'no-restricted-imports': ['error', {
        patterns: [
          { group: platform, message: 'core/ knows nothing of Discord, Slack, Fastify or Agenda (docs/architecture.md#import-rules).' },
          { group: ['**/bot/**', '**/server/**', '**/charts/**', '../bot/*', '../server/*', '../../bot/*', '../../server/*'], message: 'core/ imports nothing of ours outside core/.' },
        ],
      }],
    },
  },
  {
    files: ['charts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: platform, message: 'charts/ is pure rendering.' },
          { group: ['**/bot/**', '**/server/**', '../bot/*', '../server/*'], message: 'charts/ may import core/ types only.' },
        ],
      }],
    },
  },
  {
    files: ['bot/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/server/**', '../server/*', '../../server/*'], message: 'bot/ may import core/ and charts/ only.' }],
      }],
    },
  },
);
