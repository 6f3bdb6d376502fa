/**
 * `npm run setup:runtimes`: installs Deno, Bun and workerd (through miniflare), each from the npm
 * registry, into `.runtimes/` for spec/runtimes; does nothing when they are there.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_PACKAGES, RUNTIMES_DIR, runtimesProblem } from './runtimes.js';

if (runtimesProblem() !== undefined) {
  mkdirSync(RUNTIMES_DIR, { recursive: true });
  const manifest = join(RUNTIMES_DIR, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...RUNTIME_PACKAGES], {
    cwd: RUNTIMES_DIR,
    stdio: 'inherit',
  });
  const problem = runtimesProblem();
  if (problem) throw new Error(problem);
}
