// rxmcp in-process: its memory transport pair for rxmcp clients, the message-level bridge of
// in-process.ts for the others.
import { Subject } from 'rxjs';
import type { JSONRPCMessage, Transport } from 'rxmcp';
import type { InProcessServer } from './in-process.js';
import { createRxmcpServer } from './rxmcp-common.js';

const server = createRxmcpServer();

/** Serves one session on `transport` (one process-wide McpServer, as in the network cells). */
export const serveRxmcp = (transport: Transport) => server.connect(transport);

export const serveInProcess: InProcessServer = async (toClient) => {
  const inbound = new Subject<JSONRPCMessage>();
  const connection = serveRxmcp({
    inbound$: inbound.asObservable(),
    outbound: { next: (message) => toClient(message), error: () => undefined, complete: () => undefined },
  });
  return {
    send: (message) => inbound.next(message as JSONRPCMessage),
    close: () => {
      inbound.complete();
      connection.unsubscribe();
    },
  };
};
