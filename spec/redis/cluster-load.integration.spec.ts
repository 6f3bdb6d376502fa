// Load through nginx over three `rxmcp run --redis` nodes: many 2025 sessions (rxmcp clients,
// no affinity, so two requests in three are forwarded to the session's node) each making
// sequential calls, then as many 2026-07-28 callers; every response must come back, to the
// caller that asked. Then Redis is
// killed and restarted under load: calls carry on, the publish made while it is down is
// reported, listen streams are told to re-list once it is back, and fan-out works again.
//
// Size: RXMCP_REDIS_LOAD=full (`npm run test:cluster-load`) runs the 500 sessions × 100
// calls, RXMCP_REDIS_LOAD=<sessions>x<calls> any other size; the default (npm test) is 60 × 20,
// to keep a loaded 2-core machine's run short (the full run takes tens of minutes there).
import { firstValueFrom, type Subscription } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import { createStreamableHttpClientTransport } from '../../lib/transport/http/index.js';
import { BUILD_TIMEOUT_MS, ensureBuiltCli } from '../everything/build-cli-once.js';
import type { SseReader } from '../node/http/helpers/raw-http.js';
import { until } from '../support/until.js';
import { startCluster, type Cluster } from './helpers/cluster.js';
import { messagesOf, modernCall, openListen } from './helpers/modern-http.js';

const SIZE = process.env['RXMCP_REDIS_LOAD'] ?? '';
const FULL = SIZE !== '';
const [SESSIONS, CALLS] =
  SIZE === 'full' ? [500, 100] : /^\d+x\d+$/.test(SIZE) ? (SIZE.split('x').map(Number) as [number, number]) : [60, 20];

const textOf = (result: unknown) => (result as { content?: { text?: string }[] } | undefined)?.content?.[0]?.text ?? '';

interface Tally {
  ok: number;
  misrouted: string[];
  failed: string[];
}

/** `sessions` clients, each connected, making `calls` sequential echo calls; resolves with the tally. */
async function runLoad(url: string, sessions: number, calls: number, tag: string, tally: Tally): Promise<void> {
  const clients = Array.from({ length: sessions }, () => new McpClient(() => createStreamableHttpClientTransport(url)));
  const connections: Subscription[] = clients.map((client) => client.connect());
  try {
    await Promise.all(
      clients.map(async (client, s) => {
        for (let i = 0; i < calls; i++) {
          const token = `${tag}:${s}:${i}`;
          try {
            const text = textOf(await firstValueFrom(client.callTool({ name: 'echo', arguments: { token } })));
            if (text === token) tally.ok++;
            else tally.misrouted.push(`${token} got ${text}`);
          } catch (error) {
            tally.failed.push(`${token}: ${(error as Error).message}`);
          }
        }
      }),
    );
  } finally {
    connections.forEach((connection) => connection.unsubscribe());
  }
}

describe(`load through nginx over three nodes on Redis (${SESSIONS} sessions × ${CALLS} calls)`, () => {
  let cluster: Cluster;
  beforeAll(async () => {
    await ensureBuiltCli();
    cluster = await startCluster(3);
  }, BUILD_TIMEOUT_MS);
  afterAll(() => cluster?.stop());

  it(
    'loses and misroutes no response',
    async () => {
      const tally: Tally = { ok: 0, misrouted: [], failed: [] };
      await runLoad(cluster.url, SESSIONS, CALLS, 'load', tally);
      expect(tally.failed.slice(0, 5)).toEqual([]);
      expect(tally.misrouted.slice(0, 5)).toEqual([]);
      expect(tally.ok).toBe(SESSIONS * CALLS);
    },
    FULL ? 1_800_000 : 300_000,
  );

  it(
    'loses and misroutes no 2026-07-28 response either',
    async () => {
      const tally: Tally = { ok: 0, misrouted: [], failed: [] };
      await Promise.all(
        Array.from({ length: SESSIONS }, async (_, s) => {
          for (let i = 0; i < CALLS; i++) {
            const token = `modern:${s}:${i}`;
            try {
              const [response] = (
                await modernCall(cluster.url, i, 'tools/call', { name: 'echo', arguments: { token } })
              ).slice(-1);
              const text = textOf(response?.['result']);
              if (text === token && response?.['id'] === i) tally.ok++;
              else tally.misrouted.push(`${token} got ${JSON.stringify(response)}`);
            } catch (error) {
              tally.failed.push(`${token}: ${(error as Error).message}`);
            }
          }
        }),
      );
      expect(tally.failed.slice(0, 5)).toEqual([]);
      expect(tally.misrouted.slice(0, 5)).toEqual([]);
      expect(tally.ok).toBe(SESSIONS * CALLS);
    },
    FULL ? 1_800_000 : 300_000,
  );

  it(
    'carries on while Redis restarts, reports the publish it could not make, and fans out again after',
    async () => {
      const filter = { toolsListChanged: true, resourceSubscriptions: ['test://watched'] };
      const streams: SseReader[] = [];
      for (const [index, node] of cluster.nodes.entries())
        streams.push(await openListen(`${node.url}/mcp`, `listen${index}`, filter));
      const count = (stream: SseReader, method: string) =>
        messagesOf(stream.events).filter((message) => message['method'] === method).length;
      try {
        await Promise.all(
          streams.map((stream) => stream.until(() => count(stream, 'notifications/subscriptions/acknowledged') === 1)),
        );
        const tally: Tally = { ok: 0, misrouted: [], failed: [] };
        const load = runLoad(cluster.url, Math.min(SESSIONS, 40), CALLS * 2, 'restart', tally);
        await until(() => tally.ok >= 100, 'the load to be under way', 60_000);

        await cluster.redis.kill();
        // A change made while Redis is down: the node that made it says so.
        const touched = await modernCall(`${cluster.nodes[0]!.url}/mcp`, 'down', 'tools/call', {
          name: 'touch',
          arguments: { uri: 'test://watched' },
        });
        expect(touched.at(-1)).toMatchObject({ result: { resultType: 'complete' } });
        await until(
          () => /publish of .*test:\/\/watched.* failed/.test(cluster.nodes[0]!.stderr),
          'the failed publish to be reported',
        );
        const okWhileDown = tally.ok;
        await until(() => tally.ok >= okWhileDown + 100, 'calls to go on while Redis is down', 60_000);

        await cluster.redis.start();
        // Every listen stream is told to re-list (it may have missed changes).
        await Promise.all(
          streams.map((stream) => stream.until(() => count(stream, 'notifications/tools/list_changed') >= 1, 60_000)),
        );
        await load;
        expect(tally.failed.slice(0, 5)).toEqual([]);
        expect(tally.misrouted).toEqual([]);
        expect(tally.ok).toBe(Math.min(SESSIONS, 40) * CALLS * 2);

        // And a change on one node reaches every node's listen stream again.
        await modernCall(cluster.url, 'up', 'tools/call', { name: 'touch', arguments: { uri: 'test://watched' } });
        // Node 0's own stream heard the update made while Redis was down locally; the others hear only this one.
        await Promise.all(
          streams.map((stream, index) =>
            stream.until(() => count(stream, 'notifications/resources/updated') >= (index === 0 ? 1 : 0) + 1, 30_000),
          ),
        );
      } finally {
        await Promise.all(streams.map((stream) => stream.cancel()));
      }
    },
    FULL ? 1_800_000 : 300_000,
  );
});
