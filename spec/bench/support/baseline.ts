/**
 * @module
 * `--baseline <git-rev>`: rxmcp built at another revision, measured in the same run as the
 * working tree's build as the extra implementation `rxmcp@<rev>`.
 *
 * The revision's files are exported with `git archive` into `.scratch/bench-baseline/<sha>/`
 * (no worktree or branch is registered), its `node_modules` is a symlink to this checkout's (the
 * bench's own dependencies: rxjs, zod, ws, …; an older revision needs a subset of them), and it
 * is built with this checkout's `tsc -p lib`. A finished build is reused. The bench programs stay
 * the working tree's: started with `--import baseline-hooks.mjs?package=…`, they resolve `rxmcp`
 * and `rxmcp/node` into the baseline's `dist/` (its own exports map), so both builds run the same
 * servers, clients and measuring loops.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Baseline {
  /** The implementation's name in cell ids: `rxmcp@<rev as given>`. */
  impl: `rxmcp@${string}`;
  /** The full commit. */
  sha: string;
  /** Where it is built. */
  dir: string;
  /** Node flags (after `--import tsx`) that make a bench program import this build. */
  imports: string[];
  /** Whether its McpClient negotiates the 2026-07-28 revision (`versionNegotiation`). */
  modernClient: boolean;
}

/** Exports and builds `rev` (once per commit), and says how to run bench programs on it. */
export function prepareBaseline(root: string, rev: string, log: (line: string) => void): Baseline {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  const dir = join(root, '.scratch/bench-baseline', sha.slice(0, 12));
  const built = join(dir, 'dist/index.js');
  if (!existsSync(built)) {
    log(`baseline ${rev} (${sha.slice(0, 12)}): exporting into ${dir} and building with tsc -p lib`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C "${dir}"`], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'lib'], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } else {
    log(`baseline ${rev} (${sha.slice(0, 12)}): reusing the build in ${dir}`);
  }
  const hooks = pathToFileURL(join(root, 'spec/bench/support/baseline-hooks.mjs'));
  hooks.searchParams.set('package', dir);
  const client = readFileSync(join(dir, 'dist/client/mcp-client.js'), 'utf8');
  return {
    impl: `rxmcp@${rev}`,
    sha,
    dir,
    imports: ['--import', hooks.href],
    modernClient: client.includes('versionNegotiation'),
  };
}
