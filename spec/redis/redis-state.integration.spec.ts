// rxmcp/redis against a real redis-server: the pub/sub bus between two "processes" (two buses,
// two connections) and request-state keys shared so state sealed by one opens on the other.
import { asyncScheduler, firstValueFrom, type Subscription } from 'rxjs';
import { createRedisEventBus, sharedRequestStateKeys } from '../../lib/redis/index.js';
import type { ServerEvent } from '../../lib/server/modern/event-bus.js';
import { createRequestStateSealer } from '../../lib/server/modern/request-state.js';
import { useRealRedis } from './helpers/real-redis.js';
import { until } from '../support/until.js';

describe('rxmcp/redis on a real Redis', () => {
  const redis = useRealRedis();
  const { connect } = redis;
  const subscriptions: Subscription[] = [];
  afterEach(() => subscriptions.splice(0).forEach((subscription) => subscription.unsubscribe()));

  it('delivers an event published by one process to every process once, and locally at once', async () => {
    const errors: Error[] = [];
    const a = createRedisEventBus(await connect(), { onError: (error) => errors.push(error) });
    const b = createRedisEventBus(await connect(), { onError: (error) => errors.push(error) });
    const heardA: ServerEvent[] = [];
    const heardB: ServerEvent[] = [];
    subscriptions.push(
      a.events$.subscribe((event) => heardA.push(event)),
      b.events$.subscribe((event) => heardB.push(event)),
    );
    const probe = await connect();
    // Both listening connections are subscribed once Redis counts two subscribers on the channel.
    let subscribers = 0;
    await until(() => {
      void probe.pubsub('NUMSUB', 'rxmcp:events').then((reply) => (subscribers = Number((reply as unknown[])[1])));
      return subscribers === 2;
    }, 'two subscribers');

    a.publish({ type: 'list_changed', kind: 'tools' });
    expect(heardA).toEqual([{ type: 'list_changed', kind: 'tools' }]); // synchronous, not through Redis
    b.publish({ type: 'resource_updated', uri: 'test://x' });
    await until(() => heardA.length === 2 && heardB.length === 2, 'both events on both buses');
    expect(heardA).toEqual([
      { type: 'list_changed', kind: 'tools' },
      { type: 'resource_updated', uri: 'test://x' },
    ]);
    expect(heardB).toEqual([
      { type: 'resource_updated', uri: 'test://x' },
      { type: 'list_changed', kind: 'tools' },
    ]);

    // Foreign or malformed messages on the channel are ignored.
    await probe.publish('rxmcp:events', 'not json');
    await probe.publish(
      'rxmcp:events',
      JSON.stringify({ origin: 'x', payload: { type: 'list_changed', kind: 'everything' } }),
    );
    b.publish({ type: 'list_changed', kind: 'prompts' });
    await until(() => heardA.length === 3, 'the prompts event');
    expect(heardA[2]).toEqual({ type: 'list_changed', kind: 'prompts' });
    expect(heardB).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it('reports a publish that could not reach Redis, and announces every list as changed after reconnecting', async () => {
    const errors: Error[] = [];
    const bus = createRedisEventBus(await connect(), { onError: (error) => errors.push(error) });
    const heard: ServerEvent[] = [];
    subscriptions.push(bus.events$.subscribe((event) => heard.push(event)));
    const probe = await connect();
    let subscribers = 0;
    await until(() => {
      void probe.pubsub('NUMSUB', 'rxmcp:events').then(
        (reply) => (subscribers = Number((reply as unknown[])[1])),
        () => undefined,
      );
      return subscribers === 1;
    }, 'the subscriber');

    await redis.server.kill();
    bus.publish({ type: 'resource_updated', uri: 'test://lost' });
    expect(heard).toEqual([{ type: 'resource_updated', uri: 'test://lost' }]); // local listeners still hear it
    await until(
      () => errors.some((error) => error.message.includes('test://lost')),
      'the failed publish to be reported',
    );

    await redis.server.start();
    await until(() => heard.length === 4, 'the lists announced as changed after the reconnect', 30_000);
    expect(heard.slice(1)).toEqual([
      { type: 'list_changed', kind: 'tools' },
      { type: 'list_changed', kind: 'resources' },
      { type: 'list_changed', kind: 'prompts' },
    ]);
  });

  it('shares one request-state key, so state sealed by one process opens on another', async () => {
    const [keysA, keysB] = [
      await sharedRequestStateKeys(await connect(), { key: 'spec:key' }),
      await sharedRequestStateKeys(await connect(), { key: 'spec:key' }),
    ];
    expect(keysA).toEqual(keysB);
    expect(typeof keysA[0]!.secret === 'string' && keysA[0]!.secret.length).toBe(64);
    const sealA = createRequestStateSealer(asyncScheduler, 'server', { keys: keysA });
    const sealB = createRequestStateSealer(asyncScheduler, 'server', { keys: keysB });
    const token = await firstValueFrom(sealA.seal({ answers: { who: 'Ada' } }, 'tools/call:greet'));
    await expect(firstValueFrom(sealB.open(token, 'tools/call:greet'))).resolves.toEqual({ answers: { who: 'Ada' } });
    // A process with its own random key refuses it.
    await expect(
      firstValueFrom(createRequestStateSealer(asyncScheduler, 'server').open(token, 'tools/call:greet')),
    ).rejects.toMatchObject({ code: -32602 });
  });
});
