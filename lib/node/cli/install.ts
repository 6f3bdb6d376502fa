/**
 * @module
 * `rxmcp install`: adds a server to a Claude Desktop configuration file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { CliError } from './load-server.js';

/** Where Claude Desktop keeps its configuration on this platform. */
export function defaultClaudeConfigPath(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Claude', 'claude_desktop_config.json');
}

/** Options of {@link installServer}. */
export interface InstallOptions {
  /** The server module to run. */
  file: string;
  /** The entry's name in `mcpServers`. @defaultValue the file's base name (the CLI passes the server's name) */
  name?: string;
  /** The config file. @defaultValue {@link defaultClaudeConfigPath} */
  configPath?: string;
  /** Environment variables for the server. */
  env?: Record<string, string>;
  /** The rxmcp executable script to run the server with. */
  binPath: string;
}

/**
 * Adds (or replaces) one `mcpServers` entry, keeping every other entry and key. A malformed file is
 * reported and left untouched; the new file is written atomically.
 *
 * @example
 * installServer({ file: 'server.ts', binPath: '/path/to/rxmcp/dist/node/cli/bin.js' });
 */
export function installServer(options: InstallOptions): { configPath: string; name: string } {
  const file = resolve(options.file);
  if (!existsSync(file)) throw new CliError(`Server file not found: ${options.file}`);
  const configPath = resolve(options.configPath ?? defaultClaudeConfigPath());
  const name = options.name ?? basename(file, extname(file));
  let config: Record<string, unknown> = {};
  if (existsSync(configPath)) {
    const text = readFileSync(configPath, 'utf8');
    try {
      config = text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch (error) {
      throw new CliError(
        `${configPath} is not valid JSON (${(error as Error).message}); fix it by hand, it was not changed`,
      );
    }
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      throw new CliError(`${configPath} does not hold a JSON object; it was not changed`);
    }
  }
  const servers = config['mcpServers'] ?? {};
  if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) {
    throw new CliError(`"mcpServers" in ${configPath} is not an object; it was not changed`);
  }
  const entry: Record<string, unknown> = { command: process.execPath, args: [options.binPath, 'run', file] };
  if (options.env && Object.keys(options.env).length > 0) entry['env'] = options.env;
  config['mcpServers'] = { ...(servers as Record<string, unknown>), [name]: entry };
  mkdirSync(dirname(configPath), { recursive: true });
  const temporary = `${configPath}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`);
  renameSync(temporary, configPath);
  return { configPath, name };
}
