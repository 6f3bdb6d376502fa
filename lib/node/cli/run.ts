/**
 * @module
 * `rxmcp run`: serves a server module over stdio until stdin ends, in the era the client's first
 * message picks (`initialize`: a 2025 session; a request with the 2026-07-28 envelope: stateless).
 */
import { finalize } from 'rxjs';
import type { ConnectableServer } from '../../server/connectable.js';
import { resolveLimits } from '../../server/limits.js';
import { serveEitherEra } from '../../server/serve-either-era.js';
import { createStdioServerTransport } from '../stdio/index.js';

/**
 * Serves `server` over this process's stdin/stdout; resolves once the client has closed stdin
 * and the session has ended, so the process can exit.
 *
 * @example
 * await runStdio(await loadServer('server.ts'));
 */
export function runStdio(server: ConnectableServer): Promise<void> {
  const limits = resolveLimits(server.limits);
  const transport = createStdioServerTransport({
    highWaterBytes: limits.highWaterBytes,
    maxMessageBytes: server.limits?.maxMessageBytes,
  });
  return new Promise<void>((resolve) => {
    const connection = serveEitherEra(server, {
      ...transport,
      inbound$: transport.inbound$.pipe(finalize(() => resolve())),
    });
    connection.add(() => resolve());
  });
}
