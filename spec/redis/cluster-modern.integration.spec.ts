// Three `rxmcp run --redis` nodes behind nginx (round-robin, no affinity), 2026-07-28 requests:
// any node answers, progress streams through the balancer, requestState sealed by one node opens
// on every other, and subscriptions/listen on every node hears changes made on any node.
import { BUILD_TIMEOUT_MS, ensureBuiltCli } from '../everything/build-cli-once.js';
import type { SseReader } from '../node/http/helpers/raw-http.js';
import { startCluster, type Cluster } from './helpers/cluster.js';
import { messagesOf, modernCall, modernPost, openListen } from './helpers/modern-http.js';

const textOf = (response: Record<string, unknown> | undefined) =>
  (response?.['result'] as { content?: { text?: string }[] } | undefined)?.content?.[0]?.text ?? '';

describe('three nodes on Redis behind nginx, 2026-07-28 requests', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    await ensureBuiltCli();
    cluster = await startCluster(3);
  }, BUILD_TIMEOUT_MS);
  afterAll(() => cluster?.stop());

  it('spreads requests over all three nodes (no affinity)', async () => {
    const pids = new Set<string>();
    for (let id = 1; id <= 9; id++)
      pids.add(textOf((await modernCall(cluster.url, id, 'tools/call', { name: 'node', arguments: {} })).at(-1)));
    expect(pids.size).toBe(3);
  });

  it('streams a call’s progress through the balancer, on whichever node runs it', async () => {
    const runs = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((id) =>
        modernCall(cluster.url, id, 'tools/call', {
          name: 'count',
          arguments: { n: 5 },
          _meta: { progressToken: `p${id}` },
        }),
      ),
    );
    const nodes = new Set<string>();
    runs.forEach((messages, index) => {
      const progress = messages
        .filter((message) => message['method'] === 'notifications/progress')
        .map((message) => message['params'] as { progressToken: string; progress: number });
      expect(progress.map((p) => p.progressToken)).toEqual(Array(5).fill(`p${index + 1}`));
      expect(progress.map((p) => p.progress)).toEqual([1, 2, 3, 4, 5]);
      expect(messages.at(-1)).toMatchObject({ id: index + 1, result: { resultType: 'complete' } });
      nodes.add(textOf(messages.at(-1)).replace(/^counted to 5 on /, ''));
    });
    expect(nodes.size).toBeGreaterThan(1);
  });

  it('accepts requestState sealed by one node on every node', async () => {
    const [first] = await modernCall(
      cluster.url,
      'g1',
      'tools/call',
      { name: 'greet', arguments: {} },
      { elicitation: {} },
    );
    const result = first!['result'] as { resultType: string; requestState: string };
    expect(result).toMatchObject({
      resultType: 'input_required',
      inputRequests: { who: { method: 'elicitation/create' } },
      requestState: expect.any(String),
    });
    const retry = (url: string, id: string, state = result.requestState) =>
      modernCall(
        url,
        id,
        'tools/call',
        {
          name: 'greet',
          arguments: {},
          requestState: state,
          inputResponses: { who: { action: 'accept', content: { name: 'Ada' } } },
        },
        { elicitation: {} },
      );
    // Straight to each node, bypassing the balancer: all three open the same state.
    const answers = await Promise.all(cluster.nodes.map((node, index) => retry(`${node.url}/mcp`, `direct${index}`)));
    const greeters = answers.map((messages) => {
      expect(messages.at(-1)).toMatchObject({ result: { resultType: 'complete' } });
      return /^Hello, Ada! \(from (\d+)\)$/.exec(textOf(messages.at(-1)))?.[1];
    });
    expect(new Set(greeters).size).toBe(3);
    // Tampered state is still refused, by every node.
    for (const node of cluster.nodes) {
      const refused = await modernPost(
        `${node.url}/mcp`,
        'bad',
        'tools/call',
        {
          name: 'greet',
          arguments: {},
          requestState: `${result.requestState}x`,
          inputResponses: { who: { action: 'accept', content: { name: 'Eve' } } },
        },
        { elicitation: {} },
      );
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ id: 'bad', error: { code: -32602 } });
    }
  });

  it('fans list changes and resource updates made on any node out to listen streams on every node', async () => {
    const filter = { toolsListChanged: true, resourceSubscriptions: ['test://watched'] };
    const streams: SseReader[] = [];
    try {
      // One listen stream on each node directly, and three through the balancer.
      for (const [index, node] of cluster.nodes.entries())
        streams.push(await openListen(`${node.url}/mcp`, `direct${index}`, filter));
      for (let index = 0; index < 3; index++) streams.push(await openListen(cluster.url, `balanced${index}`, filter));
      await Promise.all(
        streams.map((stream) =>
          stream.until((events) =>
            messagesOf(events).some((message) => message['method'] === 'notifications/subscriptions/acknowledged'),
          ),
        ),
      );

      const received = (stream: SseReader, method: string) =>
        messagesOf(stream.events).filter((message) => message['method'] === method).length;
      for (let round = 1; round <= 3; round++) {
        // `touch` runs on one node (round-robin picks which): every stream must hear it.
        await modernCall(cluster.url, `touch${round}`, 'tools/call', {
          name: 'touch',
          arguments: { uri: 'test://watched' },
        });
        await Promise.all(
          streams.map((stream) =>
            stream.until(
              () =>
                received(stream, 'notifications/resources/updated') === round &&
                received(stream, 'notifications/tools/list_changed') === round,
            ),
          ),
        );
      }
      for (const stream of streams) {
        const updated = messagesOf(stream.events).find(
          (message) => message['method'] === 'notifications/resources/updated',
        );
        expect(updated?.['params']).toMatchObject({
          uri: 'test://watched',
          _meta: { 'io.modelcontextprotocol/subscriptionId': expect.any(String) },
        });
      }
    } finally {
      await Promise.all(streams.map((stream) => stream.cancel()));
    }
  });
});
