// A createTestServer() behind serveMcp (no WebSocket) for the raw-HTTP specs of the Streamable
// HTTP endpoint at `/mcp` (its log captured), keeping the SSE readers a test opens so that stop() (in afterEach)
// cancels them before closing the host.
import { serveMcp, type McpHttpServer, type ServeMcpOptions } from '../../../../lib/node/http/index.js';
import { getStream, readSse, type SseReader } from './raw-http.js';
import { createTestServer, type TestServer } from './test-server.js';

export interface StreamableHost {
  /** The test server of the last start(). */
  readonly server: TestServer;
  /** The running host, until stop() (a test may close it and clear it itself). */
  running: McpHttpServer | undefined;
  /** The `/mcp` endpoint of the last start(). */
  readonly url: string;
  /** What the last start()'s server logged (its refusals), unless the options set a logger. */
  readonly logs: string[];
  /** Serves a fresh test server with these options. */
  start(options?: ServeMcpOptions): Promise<void>;
  /** Reads an SSE response, cancelled by stop() if the test has not ended it. */
  sse(response: Response): SseReader;
  /** Opens a session's GET stream on {@link url}. */
  getStream(sessionId: string, extra?: Record<string, string>): Promise<Response>;
  /** Cancels the open readers and closes the host. */
  stop(): Promise<void>;
}

export function streamableHost(): StreamableHost {
  const readers: SseReader[] = [];
  let server: TestServer | undefined;
  let url = '';
  let logs: string[] = [];
  const host: StreamableHost = {
    get server() {
      if (!server) throw new Error('start() first');
      return server;
    },
    running: undefined,
    get url() {
      return url;
    },
    get logs() {
      return logs;
    },
    start: async (options = {}) => {
      server = createTestServer();
      const captured: string[] = (logs = []);
      host.running = await serveMcp(server, {
        websocket: false,
        logger: (message) => captured.push(message),
        ...options,
      });
      url = `${host.running.url}/mcp`;
    },
    sse: (response) => {
      const reader = readSse(response);
      readers.push(reader);
      return reader;
    },
    getStream: (sessionId, extra) => getStream(url, sessionId, extra),
    stop: async () => {
      await Promise.all(readers.splice(0).map((reader) => reader.cancel()));
      await host.running?.close();
      host.running = undefined;
    },
  };
  return host;
}
