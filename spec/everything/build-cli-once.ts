/**
 * The built `rxmcp` executable (`dist/node/cli/bin.js`) for specs that run it as a child process.
 *
 * `npm ci` (and `npm install`) run the `prepare` script, `tsc -p lib`, so in CI the build is
 * already there and fresh. Locally `dist/` may be missing or older than `lib/`: jest's
 * `globalSetup` (spec/global-setup.ts) calls {@link ensureBuiltCli} once before the workers start,
 * which builds it (the same `tsc -p lib`); the suites' own calls then only check. The lock covers a
 * suite run alone while another run builds. Type errors do not stop the emit (`npm run typecheck`
 * reports them); only a missing executable after the build is a failure.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/** The repository root. */
export const root = resolve(__dirname, '../..');
/** The built CLI: run it as `node <binPath> run <file>`. */
export const binPath = join(root, 'dist', 'node', 'cli', 'bin.js');
/** The conformance fixture server. */
export const everythingServer = 'demo/everything-server.ts';

/** How long a build may take (and how long a spec's `beforeAll` should allow for it). */
export const BUILD_TIMEOUT_MS = 180_000;

/** `lib/**.ts` files whose `dist/**.js` is missing or older than the source. */
export function staleOutputs(): string[] {
  const lib = join(root, 'lib');
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const output = join(root, 'dist', relative(lib, path)).replace(/\.ts$/, '.js');
        if (!existsSync(output) || statSync(output).mtimeMs < statSync(path).mtimeMs) stale.push(relative(root, path));
      }
    }
  };
  walk(lib);
  return stale;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Makes sure `dist/` holds a build of the current `lib/` (building it if not) and returns
 * {@link binPath}.
 */
export async function ensureBuiltCli(): Promise<string> {
  if (staleOutputs().length === 0) return binPath;
  const lock = join(tmpdir(), `rxmcp-build-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than a build can take was left by a crash.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > BUILD_TIMEOUT_MS)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another build of dist/ (lock ${lock})`);
      await sleep(250);
    }
  }
  try {
    const stale = staleOutputs();
    if (stale.length > 0) {
      const tsc = require.resolve('typescript/bin/tsc');
      const build = spawnSync(process.execPath, [tsc, '-p', 'lib'], {
        cwd: root,
        encoding: 'utf8',
        timeout: BUILD_TIMEOUT_MS,
      });
      if (!existsSync(binPath)) {
        throw new Error(
          `tsc -p lib did not produce ${binPath} (stale: ${stale.slice(0, 5).join(', ')}…):\n${build.stdout}${build.stderr}`,
        );
      }
      chmodSync(binPath, 0o755); // as `npm run build` does: `npx rxmcp` runs the bin directly
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return binPath;
}
