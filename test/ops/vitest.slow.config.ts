// The slow operational suite (`npm run test:faults`): fault tests (PostgreSQL restarted under load, SIGTERM
// during a sync and a digest) and the image start check. Not part of `npm test` (minutes, not seconds).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/ops/slow/**/*.slow.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
