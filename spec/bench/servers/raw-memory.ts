// Raw baseline in-process: a function call per message (no serialization, like the frameworks'
// memory transports, which pass message objects by reference).
import { rawHandle, type RawMessage } from '../support/raw-rpc.js';
import type { InProcessServer } from './in-process.js';

export const serveInProcess: InProcessServer = async (toClient) => ({
  send: (message) => {
    const response = rawHandle(message as RawMessage);
    if (response) toClient(response);
  },
  close: () => undefined,
});
