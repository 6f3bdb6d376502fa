/**
 * @module
 * The orchestrator's child processes: `node --import tsx <program>`, JSON lines read from stdout,
 * the tail of stderr kept for error messages.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface BenchProcess {
  readonly pid: number | undefined;
  /** Resolves with the next stdout JSON object that satisfies `match` (others are dropped). */
  next<T = any>(match: (message: any) => boolean, timeoutMs: number, what: string): Promise<T>;
  /** Writes a line to stdin. */
  send(line: string): void;
  /** Resolves with the exit code when the process ends. */
  readonly exited: Promise<number | null>;
  /** Ends stdin, waits up to `graceMs`, then SIGKILLs. */
  stop(graceMs?: number): Promise<void>;
  /** The last few KB of stderr. */
  stderrTail(): string;
}

export interface SpawnOptions {
  /** Node flags before `--import tsx` (`--expose-gc`, `--cpu-prof`, …). */
  nodeArgs?: string[];
  /** `--import` flags after `--import tsx` (the `--baseline` hooks, support/baseline.ts). */
  imports?: string[];
  /** Copy the child's stderr to ours as it arrives. */
  verbose?: boolean;
  cwd: string;
}

export function tsxCommand(
  file: string,
  args: string[],
  nodeArgs: string[] = [],
  imports: string[] = [],
): { command: string; args: string[] } {
  return { command: process.execPath, args: [...nodeArgs, '--import', 'tsx', ...imports, file, ...args] };
}

export function spawnBench(file: string, args: string[], options: SpawnOptions): BenchProcess {
  const { command, args: argv } = tsxCommand(file, args, options.nodeArgs, options.imports);
  const child: ChildProcessWithoutNullStreams = spawn(command, argv, {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (options.verbose) process.stderr.write(chunk);
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin.on('error', () => undefined);
  // 'close', not 'exit': stdout is fully read by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const messages: any[] = [];
  let waiter: (() => void) | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      messages.push(JSON.parse(line));
    } catch {
      stderr = `${stderr}\n[stdout] ${line}`.slice(-4000);
      return;
    }
    waiter?.();
  });

  const next = <T>(match: (message: any) => boolean, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        while (messages.length) {
          const message = messages.shift();
          if (match(message)) {
            done();
            resolve(message as T);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} from ${file}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiter = undefined;
        exited.then(noop);
      };
      void exited.then((code) => {
        if (waiter === check) {
          check();
          if (waiter === check) {
            done();
            reject(new Error(`${file} exited with code ${code} before ${what}`));
          }
        }
      });
      waiter = check;
      check();
    });

  return {
    pid: child.pid,
    next,
    send: (line) => void child.stdin.write(`${line}\n`),
    exited,
    stop: async (graceMs = 3000) => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    stderrTail: () => stderr.trim(),
  };
}

const noop = () => undefined;
