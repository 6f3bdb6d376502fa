// The everything server checked by rxmcp's own McpClient (rxmcp-battery.ts) over every rxmcp
// client transport: in memory (the demo's server in this process), stdio (the built CLI as a
// child process), and Streamable HTTP (/mcp), legacy HTTP+SSE (/sse) and WebSocket (/ws) against
// one `rxmcp run … --port 0` child.
import { lastValueFrom, type Subscription } from 'rxjs';
import server, { touchWatchedResource } from '../../demo/everything-server.js';
import { createNodeWebSocketClientTransport } from '../../lib/node/clients/index.js';
import { createStdioClientTransport } from '../../lib/node/stdio/index.js';
import {
  createSseClientTransport,
  createStreamableHttpClientTransport,
  type FetchLike,
} from '../../lib/transport/http/index.js';
import { createMemoryTransportPair } from '../../lib/transport/memory.js';
import { binPath, BUILD_TIMEOUT_MS, ensureBuiltCli, everythingCliAround, everythingServer, root } from './built-cli.js';
import { rxmcpBattery } from './rxmcp-battery.js';
import { until } from '../support/until.js';

describe('everything server in memory, rxmcp client', () => {
  const connections: Subscription[] = [];
  rxmcpBattery(
    () => {
      const [clientSide, serverSide] = createMemoryTransportPair();
      connections.push(server.connect(serverSide));
      return clientSide;
    },
    {
      touchWatchedResource,
      afterRelease: async () => {
        // Closing the client's side ends the server's session too.
        await until(() => server.sessionCount === 0, 'the session to end');
        for (const connection of connections.splice(0)) connection.unsubscribe();
      },
    },
  );
});

describe('everything server over stdio (node dist/node/cli/bin.js run), rxmcp client', () => {
  const stderr: string[] = [];
  let exited: Promise<unknown> | undefined;
  beforeAll(ensureBuiltCli, BUILD_TIMEOUT_MS);
  rxmcpBattery(
    () => {
      const transport = createStdioClientTransport({
        command: process.execPath,
        args: [binPath, 'run', everythingServer],
        cwd: root,
        stderr: 'pipe',
      });
      // stderr$ completes when the child is gone.
      exited = lastValueFrom(transport.stderr$, { defaultValue: undefined });
      transport.stderr$.subscribe((line) => stderr.push(line));
      return transport;
    },
    {
      afterRelease: async () => {
        await exited;
        // The whole of the child's stderr, now that it is gone.
        expect(stderr.join('\n')).not.toMatch(/error|exception/i);
      },
    },
  );
});

describe('everything server over HTTP (rxmcp run --port 0), rxmcp client', () => {
  const base = everythingCliAround();

  describe('Streamable HTTP (/mcp)', () => {
    let resumptions = 0;
    /** Counts the GETs that resume a stream with Last-Event-ID. */
    const counting: FetchLike = (input, init) => {
      if ((init?.method ?? 'GET') === 'GET' && new Headers(init?.headers).has('last-event-id')) resumptions++;
      return fetch(input, init);
    };
    rxmcpBattery(() => createStreamableHttpClientTransport(`${base()}/mcp`, { fetch: counting }), {
      resumptions: () => resumptions,
    });
  });

  describe('legacy HTTP+SSE (/sse)', () => {
    rxmcpBattery(() => createSseClientTransport(`${base()}/sse`));
  });

  describe('WebSocket (/ws)', () => {
    rxmcpBattery(() => createNodeWebSocketClientTransport(`${base().replace(/^http/, 'ws')}/ws`));
  });
});
