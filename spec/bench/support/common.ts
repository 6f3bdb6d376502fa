/**
 * @module
 * Small helpers shared by every bench process: JSON lines on stdout, percentiles, CPU time.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** The one tool every bench server exposes. */
export const ECHO_TOOL = 'echo';

/** The revision raw clients propose (every implementation under test speaks it). */
export const RAW_PROTOCOL_VERSION = '2025-06-18';
/** The stateless revision the `*-2026` cells speak. */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';

/** The text of call `i`: unique per call, so a mis-correlated response fails the check. */
export const echoText = (i: number): string => `echo #${i} the quick brown fox jumps over the lazy dog`;

/** Writes one JSON line to stdout: the only way bench processes report. */
export function emit(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Calls `onLine` for every line of stdin; `onEnd` when stdin ends. */
export function readStdinLines(onLine: (line: string) => void, onEnd?: () => void): void {
  const rl = createInterface({ input: process.stdin });
  rl.on('line', onLine);
  rl.on('close', () => onEnd?.());
}

/** Nearest-rank percentile of an ascending-sorted array (`p` in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Median of numbers (unsorted input; NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** CPU time (user + system) of another process in microseconds, from /proc; null off Linux. */
export function processCpuUs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime), counted from after the command name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1e6) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** USER_HZ; 100 on every mainstream Linux. */
const CLOCK_TICKS = 100;

/** CPU time of this process in microseconds. */
export function ownCpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** Forces two full GCs if `--expose-gc` was given, then samples memory. */
export function sampleMemory(sessions?: number): {
  heapUsed: number;
  rss: number;
  external: number;
  sessions?: number;
} {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return {
    heapUsed: usage.heapUsed,
    rss: usage.rss,
    external: usage.external,
    ...(sessions === undefined ? {} : { sessions }),
  };
}

/** Parses a JSON argument of argv, or fails loudly. */
export function jsonArg<T>(index = 2): T {
  const raw = process.argv[index];
  if (!raw) throw new Error(`Missing JSON argument ${index - 1}`);
  return JSON.parse(raw) as T;
}

/** Value of `--name value` in argv. */
export function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Dies with a message on stderr and exit code 1. */
export function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
