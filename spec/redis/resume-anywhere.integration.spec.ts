// Streams resumed on any node after the node that carried them died: three `rxmcp run --redis`
// nodes behind nginx keep every SSE event in Redis Streams; the session's node is killed
// (SIGKILL) while a call is still sending progress, or after events on its standalone stream the
// client did not read; a GET with Last-Event-ID through the balancer gets exactly the events
// Redis holds after that id — none lost, none twice. The node that serves it takes the session
// over (its state is in Redis too): a call's stream ends after the replay with an error for the
// call (it died with its node), the standalone stream carries on live, and the session goes on
// serving calls.
import type { Redis } from 'ioredis';
import { connectRedis } from '../../lib/redis/index.js';
import { LOST_REQUEST_MESSAGE } from '../../lib/server/http/lost-requests.js';
import { BUILD_TIMEOUT_MS, ensureBuiltCli } from '../everything/build-cli-once.js';
import {
  callTool,
  getStream,
  messagesOf,
  openSession,
  post,
  readSse,
  sessionHeaders,
  type SseReader,
} from '../node/http/helpers/raw-http.js';
import type { ServingChild } from '../support/serving-child.js';
import { until } from '../support/until.js';
import { startCluster, type Cluster } from './helpers/cluster.js';
import { modernCall } from './helpers/modern-http.js';

describe('SSE streams resumed on any node from Redis Streams after their node is killed', () => {
  let cluster: Cluster;
  let redis: Redis;

  beforeAll(async () => {
    await ensureBuiltCli();
    cluster = await startCluster(3);
    redis = await connectRedis(cluster.redis.url);
  }, BUILD_TIMEOUT_MS);
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  });

  /** The node holding a session: the one whose id prefixes the session id. */
  const ownerOf = (sessionId: string): ServingChild =>
    cluster.nodes.find((node) => node.stderr.includes(`node ${sessionId.split('.')[0]},`))!;
  const streamOf = (eventId: string) => eventId.slice(0, eventId.lastIndexOf('_'));
  /** The messages Redis holds for a stream, with their event ids (the priming entry left out). */
  const stored = async (streamId: string) => {
    const entries = (await redis.xrange(`rxmcp:sse:${streamId}`, '-', '+')) as [string, string[]][];
    return entries
      .filter(([, fields]) => fields[1] !== '')
      .map(([id, fields]) => ({ id: `${streamId}_${id}`, message: JSON.parse(fields[1]!) as Record<string, unknown> }));
  };
  /** Resolves once Redis holds at least `count` messages of the stream. */
  const untilStored = async (streamId: string, count: number, what: string) => {
    let held = 0;
    let asking = false;
    await until(
      () => {
        if (!asking) {
          asking = true;
          void redis.xlen(`rxmcp:sse:${streamId}`).then((length) => ((held = length - 1), (asking = false)));
        }
        return held >= count;
      },
      what,
      60_000,
    );
  };
  const progressOf = (messages: Record<string, unknown>[]) =>
    messages.map((message) => (message['params'] as { progress?: number } | undefined)?.progress);

  /** Resumes through the balancer and checks the replay against Redis: `seen` then the replay is all Redis holds, each once. */
  async function resumeAndCheck(
    sessionId: string,
    seen: SseReader,
    deadHost: string,
    live: boolean,
    callId?: number,
  ): Promise<Record<string, unknown>[]> {
    const lastSeen = seen.events.at(-1)!.id!;
    const held = await stored(streamOf(lastSeen));
    const missed = held.slice(held.findIndex(({ id }) => id === lastSeen) + 1);
    const resumed = await getStream(cluster.url, sessionId, { 'last-event-id': lastSeen });
    expect(resumed.status).toBe(200);
    // nginx may try the dead node first; the last upstream it names answered.
    expect(resumed.headers.get('x-upstream')?.split(', ').at(-1)).not.toBe(deadHost);
    const reader = readSse(resumed);
    // A call's stream ends after the replay (and its error); the standalone one goes on (primed anew after it).
    const events = live
      ? await reader.until((got) => got.some((event) => event.data === ''), 60_000)
      : await reader.done;
    if (live) await reader.cancel();
    const messages = events.filter((event) => event.data !== '');
    // A call's stream whose response never came ends with an error for the call, which Redis does not hold.
    const lost = live ? [] : messages.splice(-1);
    if (!live)
      expect(messagesOf(lost)).toEqual([
        { jsonrpc: '2.0', id: callId, error: expect.objectContaining({ code: -32603, message: LOST_REQUEST_MESSAGE }) },
      ]);
    const replay = messages;
    const ids = [...seen.events, ...replay].map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = [...messagesOf(seen.events), ...messagesOf(replay)];
    expect(all).toEqual(held.map(({ message }) => message));
    expect(replay.map((event) => event.id)).toEqual(missed.map(({ id }) => id));
    // The session was taken over, not lost: it serves a call without a new initialize.
    const call = await post(cluster.url, callTool(99, 'node'), sessionHeaders(sessionId));
    expect(call.status).toBe(200);
    expect(await call.json()).toMatchObject({ id: 99, result: { content: [{ type: 'text' }] } });
    return messagesOf(replay);
  }

  it("resumes a call's stream whose node died mid-call: every progress Redis holds, once, in order", async () => {
    const sessionId = await openSession(cluster.url);
    const owner = ownerOf(sessionId);
    const call = await post(cluster.url, callTool(2, 'count', { n: 50, ms: 40 }, 7), sessionHeaders(sessionId));
    expect(call.headers.get('content-type')).toContain('text/event-stream');
    const first = readSse(call);
    await first.until((events) => messagesOf(events).length >= 3, 60_000);
    await first.cancel();
    const streamId = streamOf(first.events.at(-1)!.id!);
    // Events the client never read, stored while the call goes on; then the node dies mid-call.
    const seen = messagesOf(first.events).length;
    await untilStored(streamId, seen + 3, 'three more progress events in Redis');
    await owner.kill();
    const held = await stored(streamId);
    expect(progressOf(held.map(({ message }) => message))).toEqual(
      Array.from({ length: held.length }, (_, i) => i + 1),
    );
    expect(held.length).toBeLessThan(51); // the response never came: the node died first
    const replay = await resumeAndCheck(sessionId, first, new URL(owner.url).host, false, 2);
    expect(replay.length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('resumes a standalone stream whose node died, with the notifications the client had not read', async () => {
    const sessionId = await openSession(cluster.url);
    const owner = ownerOf(sessionId);
    const standalone = readSse(await getStream(cluster.url, sessionId));
    await standalone.until((events) => events.length >= 1, 30_000); // the priming event
    const streamId = streamOf(standalone.events[0]!.id!);
    const touch = (n: number) =>
      modernCall(cluster.url, `touch${n}`, 'tools/call', { name: 'touch', arguments: { uri: 'test://watched' } });
    await touch(0);
    await standalone.until((events) => messagesOf(events).length >= 1, 30_000);
    await standalone.cancel();
    for (let n = 1; n <= 3; n++) {
      const before = (await stored(streamId)).length;
      await touch(n);
      await untilStored(streamId, before + 1, `list_changed ${n} stored`);
    }
    await owner.kill();
    const replay = await resumeAndCheck(sessionId, standalone, new URL(owner.url).host, true);
    expect(replay.length).toBeGreaterThanOrEqual(3);
    expect(new Set(replay.map((message) => message['method']))).toEqual(new Set(['notifications/tools/list_changed']));
  }, 120_000);
});
