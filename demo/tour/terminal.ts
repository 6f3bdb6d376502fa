/**
 * Console helpers of the tour: section headers, indented lines and a progress bar that redraws
 * in place on a terminal (`\r`) and prints one line per update anywhere else (CI logs, pipes).
 */
import type { ProgressEvent } from '../../lib/session/session-api.js';

const tty = process.stdout.isTTY === true;
const paint = (code: string) => (text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = paint('1');
export const dim = paint('2');

let sectionNumber = 0;

/** Prints a numbered section header. */
export function section(title: string): void {
  sectionNumber += 1;
  console.log(`\n${bold(`── ${sectionNumber}. ${title} `.padEnd(72, '─'))}`);
}

/** Prints an indented line of the walkthrough. */
export function say(...parts: unknown[]): void {
  console.log('  ', ...parts);
}

/** A progress bar: `update` per progress event, `done` once the result is in. */
export function progressBar(label: string, width = 30): { update(event: ProgressEvent): void; done(): void } {
  let drawn = false;
  return {
    update({ progress, total, message }) {
      const ratio = total ? Math.min(progress / total, 1) : 0;
      const filled = Math.round(ratio * width);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
      const line = `   ${label} ${bar} ${String(progress).padStart(3)}/${total ?? '?'} ${message ?? ''}`;
      if (tty) process.stdout.write(`\r${line.padEnd(78)}`);
      else console.log(line);
      drawn = true;
    },
    done() {
      if (tty && drawn) process.stdout.write('\n');
    },
  };
}
