// Loaded with `node --import` by test/server/cli-lazy.test.ts: writes every module URL the process loaded to
// the file named by PULSE_RECORD_LOADS when it exits, so a test can tell which of our modules a command needed.
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';

const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => {
  if (process.env.PULSE_RECORD_LOADS) writeFileSync(process.env.PULSE_RECORD_LOADS, [...loaded].join('\n'));
});
