/**
 * The Python virtual environment (`.venv` at the repository root) that holds the official Python
 * MCP SDK for the interop matrix, pinned by `spec/interop/fixtures/requirements.txt`.
 *
 * `npm run setup:python` (also run by `npm test`'s `pretest`) calls {@link ensurePythonEnv}: it
 * creates the venv and installs the pins when they are missing or changed, and does nothing
 * otherwise. The specs call {@link pythonEnvProblem} and fail with its message when the venv is
 * not ready, so a missing setup is a failure that names its fix, never a skip.
 *
 * @example
 * const problem = pythonEnvProblem(ROOT);
 * if (problem) throw new Error(problem);
 * spawn(pythonEnv(ROOT).python, ['spec/interop/fixtures/python-server.py']);
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The command that prepares the environment. */
export const SETUP_COMMAND = 'npm run setup:python';

/** Where the environment lives for a repository root. */
export interface PythonEnv {
  /** The venv directory, `<root>/.venv`. */
  readonly venv: string;
  /** Its interpreter. */
  readonly python: string;
  /** The pinned requirements. */
  readonly requirements: string;
  /** Records the hash of the requirements the venv was last installed from. */
  readonly stamp: string;
}

export function pythonEnv(root: string): PythonEnv {
  const venv = join(root, '.venv');
  const python = process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
  return {
    venv,
    python,
    requirements: join(root, 'spec', 'interop', 'fixtures', 'requirements.txt'),
    stamp: join(venv, 'rxmcp-requirements.sha256'),
  };
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Why the environment is not ready (naming {@link SETUP_COMMAND}), or undefined when it is. */
export function pythonEnvProblem(root: string): string | undefined {
  const env = pythonEnv(root);
  if (!existsSync(env.python))
    return `The Python SDK environment is missing (${env.python}): run \`${SETUP_COMMAND}\` first.`;
  if (!existsSync(env.stamp) || readFileSync(env.stamp, 'utf8').trim() !== digest(env.requirements)) {
    return `The Python SDK environment in ${env.venv} does not match ${env.requirements}: run \`${SETUP_COMMAND}\` again.`;
  }
  return undefined;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) throw new Error(`${command} ${args.join(' ')} could not start: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/**
 * Creates the venv with `$PYTHON` (default `python3`, 3.10 or newer) and installs the pinned
 * requirements, unless {@link pythonEnvProblem} finds nothing to do. Returns whether it installed.
 */
export function ensurePythonEnv(root: string, log: (line: string) => void = console.error): boolean {
  if (pythonEnvProblem(root) === undefined) return false;
  const env = pythonEnv(root);
  if (!existsSync(env.python)) {
    const interpreter = process.env['PYTHON'] ?? 'python3';
    log(`Creating ${env.venv} with ${interpreter}`);
    run(interpreter, ['-m', 'venv', env.venv]);
  }
  log(`Installing ${env.requirements} into ${env.venv}`);
  // One retry, not pip's five with back-off: an index that cannot be reached costs seconds, not minutes.
  run(env.python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--quiet',
    '--disable-pip-version-check',
    '--retries',
    '1',
    '-r',
    env.requirements,
  ]);
  writeFileSync(env.stamp, `${digest(env.requirements)}\n`);
  return true;
}
