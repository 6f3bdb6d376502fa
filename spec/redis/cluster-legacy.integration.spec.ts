// Three `rxmcp run --redis` nodes behind nginx (round-robin, no affinity), 2025 sessions from the
// official SDK (v1) client: a session lives on the node that initialized it, and every request
// for it that lands elsewhere (calls, the answers to its sampling requests, the GET stream, a
// resumed stream) is forwarded there.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  CreateMessageRequestSchema,
  ResourceUpdatedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { BUILD_TIMEOUT_MS, ensureBuiltCli } from '../everything/build-cli-once.js';
import { until } from '../support/until.js';
import { sdkReconnection, startCluster, textOf, type Cluster } from './helpers/cluster.js';
import { modernCall } from './helpers/modern-http.js';

describe('three nodes on Redis behind nginx, 2025 sessions (official SDK client)', () => {
  let cluster: Cluster;
  let client: Client;
  let transport: StreamableHTTPClientTransport;
  /** The node (`127.0.0.1:port`) that answered each POST, with the JSON-RPC method it carried. */
  const answeredBy: { method: string; upstream: string }[] = [];

  beforeAll(async () => {
    await ensureBuiltCli();
    cluster = await startCluster(3);
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { method?: string };
        answeredBy.push({ method: body.method ?? 'response', upstream: response.headers.get('x-upstream') ?? '?' });
      }
      return response;
    };
    transport = new StreamableHTTPClientTransport(new URL(cluster.url), {
      fetch: recordingFetch,
      reconnectionOptions: sdkReconnection(6),
    });
    client = new Client({ name: 'sdk-v1', version: '1.0.0' }, { capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
      role: 'assistant',
      model: 'spec-model',
      content: { type: 'text', text: `echo ${String((request.params.messages[0]!.content as { text: string }).text)}` },
    }));
    await client.connect(transport);
  }, BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await client?.close();
    await cluster?.stop();
  });

  /** The node holding the session: the one whose id prefixes the session id. */
  const owner = () =>
    cluster.nodes.find((node) => node.stderr.includes(`node ${transport.sessionId!.split('.')[0]},`))!;
  const hostOf = (url: string) => new URL(url).host;

  it('serves calls with progress through whichever node the balancer picks', async () => {
    expect(owner()).toBeDefined();
    for (let round = 0; round < 6; round++) {
      const progress: number[] = [];
      const result = await client.callTool({ name: 'count', arguments: { n: 4 } }, CallToolResultSchema, {
        onprogress: ({ progress: value }) => void progress.push(value),
      });
      expect(progress).toEqual([1, 2, 3, 4]);
      expect(textOf(result)).toBe(`counted to 4 on ${textOf(await client.callTool({ name: 'node', arguments: {} }))}`);
    }
    // The calls were spread over every node, yet all ran on the session's node.
    expect(
      new Set(answeredBy.filter((entry) => entry.method === 'tools/call').map((entry) => entry.upstream)).size,
    ).toBe(3);
  });

  it('completes sampling from a tool, its answer posted to any node', async () => {
    const before = answeredBy.length;
    for (let round = 0; round < 6; round++) {
      expect(textOf(await client.callTool({ name: 'ask_model', arguments: { prompt: `hi ${round}` } }))).toBe(
        `model said: echo hi ${round}`,
      );
    }
    // The client's answers to sampling/createMessage are POSTs without a method.
    const answers = () => answeredBy.slice(before).filter((entry) => entry.method === 'response');
    await until(() => answers().length === 6, 'the six answers to be acknowledged');
    expect(new Set(answers().map((entry) => entry.upstream)).size).toBeGreaterThan(1);
  });

  it('tells the session of resource updates and list changes made on any node', async () => {
    const updated: string[] = [];
    let listChanged = 0;
    client.setNotificationHandler(
      ResourceUpdatedNotificationSchema,
      (notification) => void updated.push(notification.params.uri),
    );
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void listChanged++);
    await client.subscribeResource({ uri: 'test://watched' });
    // `touch` on each node in turn, straight to it (a 2026-07-28 request): the session's own node
    // tells it directly, the other two through Redis.
    for (const [index, node] of cluster.nodes.entries()) {
      await modernCall(`${node.url}/mcp`, `touch${index}`, 'tools/call', {
        name: 'touch',
        arguments: { uri: 'test://watched' },
      });
      await until(() => updated.length === index + 1, `the update made on node ${index}`);
    }
    expect(updated).toEqual(['test://watched', 'test://watched', 'test://watched']);
    await until(() => listChanged >= 1, 'a tools/list_changed');
  });

  it('resumes a call’s stream on another node after the node carrying it is killed mid-stream', async () => {
    const home = hostOf(owner().url);
    // Round-robin picks the node that carries the call; go again until it is not the session's own.
    for (let attempt = 0; attempt < 9; attempt++) {
      const progress: number[] = [];
      const mark = answeredBy.length;
      const call = client.callTool({ name: 'count', arguments: { n: 20, ms: 60 } }, CallToolResultSchema, {
        onprogress: ({ progress: value }) => void progress.push(value),
        timeout: 60_000,
      });
      await until(() => progress.length >= 3, 'the first progress');
      const carrier = answeredBy.slice(mark).find((entry) => entry.method === 'tools/call')!.upstream;
      if (carrier === home) {
        await call;
        continue;
      }
      const victim = cluster.nodes.find((node) => hostOf(node.url) === carrier)!;
      await victim.kill();
      const result = await call;
      expect(textOf(result)).toMatch(/^counted to 20 on \d+$/);
      expect([...new Set(progress)]).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // The session carries on.
      expect(textOf(await client.callTool({ name: 'ask_model', arguments: { prompt: 'still there?' } }))).toBe(
        'model said: echo still there?',
      );
      return;
    }
    throw new Error(
      `no call was carried by a node other than the session's own (${home}): ${JSON.stringify(answeredBy)}`,
    );
  });
});
