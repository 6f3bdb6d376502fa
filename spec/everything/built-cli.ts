/**
 * The everything server run by the built `rxmcp` executable (see build-cli-once.ts, which builds it
 * once and which jest's globalSetup loads without this file's `.js` imports).
 */
import { binPath, BUILD_TIMEOUT_MS, ensureBuiltCli, everythingServer, root } from './build-cli-once.js';
import { spawnServing, type ServingChild } from '../support/serving-child.js';

export { binPath, BUILD_TIMEOUT_MS, ensureBuiltCli, everythingServer, root, staleOutputs } from './build-cli-once.js';

/** A `rxmcp run <everything server> --port 0` child process. */
export type ServedCli = ServingChild;

/**
 * Builds the CLI if need be ({@link ensureBuiltCli}), runs the everything server on an ephemeral
 * port (with more `args` for `rxmcp run`, e.g. `--cors`) and resolves with the URL it reports on stderr (`serving on …`); rejects if it exits first.
 */
export async function serveEverythingCli(args: readonly string[] = []): Promise<ServedCli> {
  await ensureBuiltCli();
  return spawnServing(process.execPath, [binPath, 'run', everythingServer, '--port', '0', ...args], root);
}

/**
 * Serves the everything server over HTTP ({@link serveEverythingCli}) from `beforeAll` to
 * `afterAll` of the enclosing file or describe; returns a function that gives its URL.
 */
export function everythingCliAround(): () => string {
  let host: ServedCli | undefined;
  beforeAll(async () => {
    host = await serveEverythingCli();
  }, BUILD_TIMEOUT_MS);
  afterAll(() => host?.stop());
  return () => {
    if (!host) throw new Error('rxmcp run did not start');
    return host.url;
  };
}
