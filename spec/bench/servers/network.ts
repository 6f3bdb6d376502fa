/**
 * @module
 * What every network bench server shares: listen on 127.0.0.1 (an ephemeral port), announce
 * `{"type":"ready","url","pid"}` on stdout, answer `mem` lines on stdin with a memory sample
 * taken after a forced GC (`--expose-gc`), and exit cleanly when stdin ends or on SIGTERM (so
 * `--cpu-prof` can write its profile).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emit, readStdinLines, sampleMemory } from '../support/common.js';

export interface ServeOptions {
  /** Builds the client URL from the bound port. */
  url: (port: number) => string;
  /** How many sessions the server holds now, where it knows. */
  sessions?: () => number;
  /** Runs before exit (close sockets). */
  shutdown?: () => void;
}

export function serveNetwork(server: Server, options: ServeOptions): void {
  const exit = () => {
    try {
      options.shutdown?.();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    emit({ type: 'ready', url: options.url(port), pid: process.pid });
  });
  readStdinLines((line) => {
    if (line.trim() === 'mem') emit({ type: 'mem', mem: sampleMemory(options.sessions?.()) });
  }, exit);
}

export { readBody } from '../../support/fetch-bridge.js';

/** Exits when stdin ends or on SIGTERM, for the stdio servers (whose stdin is the protocol). */
export function exitOnSignals(): void {
  const exit = () => process.exit(0);
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
}
