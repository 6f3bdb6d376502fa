/**
 * @module
 * A last line of defence: children still running when this process exits are killed with it.
 */
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

const killAll = () => {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
};

/**
 * Kills `child` with SIGKILL if this process exits before it does. Returns the function that
 * forgets it (call it when the child exits). One `process` listener serves all children, and
 * it is removed when none is left.
 */
export function killOnExit(child: ChildProcess): () => void {
  if (live.size === 0) process.on('exit', killAll);
  live.add(child);
  return () => {
    if (!live.delete(child)) return;
    if (live.size === 0) process.off('exit', killAll);
  };
}
