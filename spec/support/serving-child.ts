/**
 * A server started as a child process that announces where it listens on stderr with a line
 * `serving on http://HOST:PORT` (as `rxmcp run --port` and the Python interop fixture do).
 *
 * @example
 * const served = await spawnServing(process.execPath, [binPath, 'run', file, '--port', '0'], root);
 * await fetch(`${served.url}/mcp`, …);
 * await served.stop();
 */
import { spawn } from 'node:child_process';

/** A child process serving on {@link ServingChild.url}. */
export interface ServingChild {
  /** Where it serves, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** What it has written on stderr so far. */
  readonly stderr: string;
  /** Sends `signal` (SIGTERM unless told) and resolves once the child has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Sends SIGKILL (a crash: nothing is closed gracefully) and resolves once the child has exited. */
  kill(): Promise<void>;
}

/** Runs `command args` in `cwd` and resolves with the URL it announces; rejects (with its stderr) if it exits first. */
export async function spawnServing(command: string, args: readonly string[], cwd: string): Promise<ServingChild> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`${command} ${args.join(' ')} exited early (${code ?? signal}): ${seen}`)),
    );
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  return {
    url,
    get stderr() {
      return seen;
    },
    stop: (signal: NodeJS.Signals = 'SIGTERM') => end(signal),
    kill: () => end('SIGKILL'),
  };
}
