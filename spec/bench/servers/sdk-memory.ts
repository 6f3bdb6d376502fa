// The official SDK in-process: InMemoryTransport for SDK clients, the message-level bridge of
// in-process.ts for the others.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { InProcessServer } from './in-process.js';
import { createSdkServer } from './sdk-common.js';

export { createSdkServer };

export const serveInProcess: InProcessServer = async (toClient) => {
  const transport: Transport = {
    start: async () => undefined,
    send: async (message) => toClient(message),
    close: async () => transport.onclose?.(),
  };
  const server = createSdkServer();
  await server.connect(transport);
  return {
    send: (message) => transport.onmessage?.(message as JSONRPCMessage),
    close: () => void server.close(),
  };
};
