/**
 * jest `globalSetup`: builds `dist/` once, before any worker starts, when it is missing or older
 * than `lib/` (the suites that run the CLI then find it fresh instead of each checking and
 * building under a lock).
 */
import type * as BuildCliOnce from './everything/build-cli-once.js';

export default async function globalSetup(): Promise<void> {
  // jest's moduleNameMapper (`.js` → `.ts`) does not apply here: name the source file itself.
  const { ensureBuiltCli } = require('./everything/build-cli-once.ts') as typeof BuildCliOnce;
  await ensureBuiltCli();
}
