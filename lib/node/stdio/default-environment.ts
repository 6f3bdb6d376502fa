/**
 * @module
 * The environment a spawned MCP server inherits by default.
 */

/**
 * The variables a child process inherits unless told otherwise: enough to find programs and a
 * home directory, nothing that leaks secrets (the list follows sudo's, as the official SDKs do).
 */
export const DEFAULT_INHERITED_ENV_VARS: readonly string[] =
  process.platform === 'win32'
    ? [
        'APPDATA',
        'HOMEDRIVE',
        'HOMEPATH',
        'LOCALAPPDATA',
        'PATH',
        'PROCESSOR_ARCHITECTURE',
        'SYSTEMDRIVE',
        'SYSTEMROOT',
        'TEMP',
        'USERNAME',
        'USERPROFILE',
        'PROGRAMFILES',
      ]
    : ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'];

/**
 * The subset of this process's environment named by {@link DEFAULT_INHERITED_ENV_VARS}, skipping
 * values that look like exported shell functions (`() { …`).
 *
 * @example
 * spawn('server', [], { env: { ...getDefaultEnvironment(), API_KEY: key } });
 */
export function getDefaultEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of DEFAULT_INHERITED_ENV_VARS) {
    const value = process.env[key];
    if (value === undefined || value.startsWith('()')) continue;
    env[key] = value;
  }
  return env;
}
