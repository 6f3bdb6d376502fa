/**
 * @module
 * Loads a server module (TypeScript through tsx, or JavaScript) and finds its server.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectableServer } from '../../server/connectable.js';

/** A CLI failure with the exit code to use. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, readonly exitCode = 1) {
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
    const { tsImport } = await import('tsx/esm/api');
    module = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`Could not load ${file}: ${(error as Error).message}`);
  }
  const candidates = [module['default'], (module['default'] as Record<string, unknown> | undefined)?.['default'], module['server']];
  const server = candidates.find(isServer);
  if (!server) throw new CliError(`${file} does not export an McpServer (export default new McpServer(…))`);
  return server;
}
