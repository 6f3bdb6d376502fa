/**
 * @module
 * Keeping stray `console.log` output off stdout while stdout carries JSON-RPC.
 */
import { Console } from 'node:console';

/** The console methods that write to stdout in Node (the rest already write to stderr or use these). */
const STDOUT_METHODS = ['log', 'info', 'debug', 'dir', 'dirxml', 'table'] as const;
type StdoutMethod = (typeof STDOUT_METHODS)[number];

let holders = 0;
let saved:
  { original: Partial<Record<StdoutMethod, unknown>>; patched: Partial<Record<StdoutMethod, unknown>> } | undefined;

/**
 * Redirects the global console's stdout methods (`log`, `info`, `debug`, `dir`, `dirxml`,
 * `table`, and through them `count`, `group`, `timeEnd`, …) to stderr, so output of user code
 * cannot corrupt a JSON-RPC stream on stdout. Returns the function that undoes it; calls nest
 * (the originals come back when the last holder releases), and a method someone else replaced
 * in the meantime is left as they set it. Direct `process.stdout.write` calls are not covered.
 *
 * @example
 * const restore = redirectConsoleToStderr();
 * console.log('debug output'); // goes to stderr
 * restore();
 */
export function redirectConsoleToStderr(): () => void {
  if (holders++ === 0) install();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) uninstall();
  };
}

function install(): void {
  const stderrConsole = new Console({ stdout: process.stderr, stderr: process.stderr });
  const target = console as unknown as Record<StdoutMethod, unknown>;
  const original: Partial<Record<StdoutMethod, unknown>> = {};
  const patched: Partial<Record<StdoutMethod, unknown>> = {};
  for (const method of STDOUT_METHODS) {
    original[method] = target[method];
    patched[method] = (stderrConsole as unknown as Record<StdoutMethod, unknown>)[method];
    target[method] = patched[method];
  }
  saved = { original, patched };
}

function uninstall(): void {
  if (!saved) return;
  const target = console as unknown as Record<StdoutMethod, unknown>;
  for (const method of STDOUT_METHODS) {
    if (target[method] === saved.patched[method]) target[method] = saved.original[method];
  }
  saved = undefined;
}
