/**
 * @module
 * Loads a server module (TypeScript through tsx, or JavaScript) and finds its server.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectableServer } from '../../server/connectable.js';
import { isMissingPackage, missingPeer } from '../optional-peer.js';

/** A CLI failure with the exit code to use. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const isServer = (value: unknown): value is ConnectableServer =>
  typeof value === 'object' && value !== null && typeof (value as ConnectableServer).connect === 'function';

/**
 * Imports `file` and returns its default export (or its export named `server`) if it is a server.
 *
 * @example
 * const server = await loadServer('demo/everything-server.ts');
 */
export async function loadServer(file: string): Promise<ConnectableServer> {
  const path = resolve(file);
  if (!existsSync(path)) throw new CliError(`Server file not found: ${file}`);
  let module: Record<string, unknown>;
  try {
    module = await importServerModule(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Could not load ${file}: ${(error as Error).message}`);
  }
  const candidates = [
    module['default'],
    (module['default'] as Record<string, unknown> | undefined)?.['default'],
    module['server'],
  ];
  const server = candidates.find(isServer);
  if (!server) throw new CliError(`${file} does not export an McpServer (export default new McpServer(…))`);
  return server;
}

/**
 * Imports the module at `path` through tsx (an optional peer dependency: it compiles TypeScript);
 * without tsx, JavaScript is imported natively and TypeScript is refused with how to install it.
 */
async function importServerModule(path: string): Promise<Record<string, unknown>> {
  let tsx: typeof import('tsx/esm/api') | undefined;
  try {
    tsx = await import('tsx/esm/api');
  } catch (error) {
    if (!isMissingPackage(error, 'tsx')) throw error;
  }
  const url = pathToFileURL(path).href;
  if (tsx) return (await tsx.tsImport(url, import.meta.url)) as Record<string, unknown>;
  if (/\.[cm]?tsx?$/.test(path))
    throw new CliError(
      `${missingPeer('tsx', `Loading the TypeScript file ${path}`).message} (or build it to JavaScript)`,
    );
  return (await import(url)) as Record<string, unknown>;
}
