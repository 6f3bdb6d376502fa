/**
 * The runtimes the HTTP core is proven on, each from the npm registry, installed into
 * `.runtimes/` by `npm run setup:runtimes` (spec/runtimes/setup-runtimes.ts), and the bundles of
 * the everything server each one runs.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** The repository (npm runs scripts there; jest gives `__dirname`). */
export const ROOT = typeof __dirname === 'string' ? resolve(__dirname, '../..') : process.cwd();
export const RUNTIMES_DIR = join(ROOT, '.runtimes');
const BUNDLES = join(ROOT, '.scratch', 'runtimes');

/** The npm packages installed into `.runtimes/`. */
export const RUNTIME_PACKAGES = ['deno@2.9.6', 'bun@1.4.5', 'miniflare@4.20260426.0'];

/** One runtime: how to start a bundle of the everything server on it. */
export interface Runtime {
  readonly name: string;
  readonly entry: string;
  readonly platform: 'node' | 'neutral';
  /** The command and arguments that serve `bundle`, announcing `serving on URL` on stderr. */
  command(bundle: string): [string, string[]];
}

const bin = (name: string) => join(RUNTIMES_DIR, 'node_modules', '.bin', name);

export const RUNTIMES: readonly Runtime[] = [
  { name: 'Node', entry: 'node-entry.ts', platform: 'node', command: (bundle) => [process.execPath, [bundle]] },
  {
    name: 'Deno',
    entry: 'deno-entry.ts',
    platform: 'neutral',
    command: (bundle) => [bin('deno'), ['run', '--allow-net', '--no-prompt', '--unstable-no-legacy-abort', bundle]],
  },
  { name: 'Bun', entry: 'bun-entry.ts', platform: 'neutral', command: (bundle) => [bin('bun'), ['run', bundle]] },
  {
    name: 'workerd',
    entry: 'workerd-entry.ts',
    platform: 'neutral',
    command: (bundle) => [
      process.execPath,
      [join(ROOT, 'spec/runtimes/fixtures/workerd-host.mjs'), bundle, RUNTIMES_DIR],
    ],
  },
];

/** Why the runtimes cannot run, or `undefined`. */
export function runtimesProblem(): string | undefined {
  for (const name of ['deno', 'bun', 'workerd']) {
    if (!existsSync(bin(name))) return `${bin(name)} is missing: run \`npm run setup:runtimes\` first.`;
  }
  return undefined;
}

/** Bundles the everything server with `runtime`'s entry (esbuild) and returns the bundle's path. */
export async function bundleFor(runtime: Runtime): Promise<string> {
  const outfile = join(BUNDLES, `${runtime.name.toLowerCase()}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'spec/runtimes/fixtures', runtime.entry)],
    bundle: true,
    format: 'esm',
    platform: runtime.platform,
    mainFields: ['module', 'main'],
    target: 'es2022',
    outfile,
    logLevel: 'warning',
    banner:
      runtime.platform === 'node'
        ? { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }
        : undefined,
  });
  return outfile;
}
