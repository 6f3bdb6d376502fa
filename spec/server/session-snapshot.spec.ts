// Snapshot → restore of a 2025 session, in virtual time on memory transports: the state a server
// reports as a session changes (initialize, initialized, logging/setLevel, resources/subscribe)
// is enough for another server to carry the session on without a new initialize.
import { firstValueFrom } from 'rxjs';
import { LATEST_PROTOCOL_VERSION } from '../../lib/protocol/versions.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { parseSessionSnapshot, type SessionSnapshot } from '../../lib/server/session-snapshot.js';
import { createFakeTransport, notification, request, result } from '../../lib/testing/index.js';
import { clientInfo, marbles } from './helpers.js';
import { createClientSession } from '../../lib/session/client-session.js';
import { createMemoryTransportPair } from '../../lib/transport/memory.js';

/** One of the processes serving the same server. */
function serverCopy() {
  const server = new McpServer({ name: 'copy', version: '1.0.0' });
  server.tool('log', {}, (_args, ctx) => {
    ctx.log('info', 'info line');
    ctx.log('warning', 'warning line');
    return 'logged';
  });
  server.resource('test://r', { name: 'r' }, () => 'r');
  return server;
}

describe('session snapshots (virtual time, memory transports)', () => {
  it('reports the state at each change, and another server carries the session on from it', () => {
    marbles().run(({ cold, flush }) => {
      const snapshots: SessionSnapshot[] = [];
      const [clientTransport, serverTransport] = createMemoryTransportPair();
      serverCopy().connect(serverTransport, { onStateChange: (snapshot) => snapshots.push(snapshot) });
      const client = createClientSession(clientTransport, { clientInfo, capabilities: { roots: {} } });
      client.connect();
      cold('a-b-c-d').subscribe((step) => {
        if (step === 'a') client.initialize().subscribe();
        if (step === 'b') client.request('logging/setLevel', { level: 'warning' }).subscribe();
        if (step === 'c') client.request('resources/subscribe', { uri: 'test://r' }).subscribe();
        if (step === 'd') client.request('resources/subscribe', { uri: 'test://r' }).subscribe(); // no change
      });
      flush();
      const last = snapshots.at(-1)!;
      expect(snapshots.map((snapshot) => [snapshot.initialized, snapshot.logLevel, snapshot.subscriptions])).toEqual([
        [false, undefined, undefined], // initialize answered
        [true, undefined, undefined], // notifications/initialized
        [true, 'warning', undefined],
        [true, 'warning', ['test://r']],
      ]);
      expect(last.client).toMatchObject({ clientInfo, capabilities: { roots: {} } });
      expect(last.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
      // Through storage (JSON) and back.
      const stored = parseSessionSnapshot(JSON.parse(JSON.stringify(last)));
      expect(stored).toEqual(last);

      // Another process: no initialize, yet calls are served, with the log level and the subscription.
      const other = serverCopy();
      const fake = createFakeTransport();
      const changes: SessionSnapshot[] = [];
      other.connect(fake.transport, { restore: stored, onStateChange: (snapshot) => changes.push(snapshot) });
      cold('a-b-c').subscribe((step) => {
        if (step === 'a') fake.receive(request(1, 'tools/call', { name: 'log', arguments: {} }));
        if (step === 'b') other.notifyResourceUpdated('test://r');
        if (step === 'c')
          fake.receive(
            request(2, 'initialize', { protocolVersion: last.protocolVersion, capabilities: {}, clientInfo }),
          );
      });
      flush();
      expect(fake.sent).toEqual([
        notification('notifications/message', { level: 'warning', data: 'warning line' }),
        result(1, { content: [{ type: 'text', text: 'logged' }] }),
        notification('notifications/resources/updated', { uri: 'test://r' }),
        expect.objectContaining({
          id: 2,
          error: expect.objectContaining({ message: expect.stringContaining('Already initialized') }),
        }),
      ]);
      // A restored session reports its later changes, not the restore itself.
      expect(changes).toEqual([]);
      fake.receive(request(3, 'resources/unsubscribe', { uri: 'test://r' }));
      flush();
      const { subscriptions: _, ...unsubscribed } = last;
      expect(changes).toEqual([unsubscribed]);
    });
  });

  it('refuses snapshots that are not one', () => {
    expect(parseSessionSnapshot({ client: 42 })).toBeUndefined();
    expect(parseSessionSnapshot('x')).toBeUndefined();
    expect(
      parseSessionSnapshot({
        client: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo },
        protocolVersion: '2025-11-25',
        initialized: true,
        logLevel: 'loud',
      }),
    ).toBeUndefined();
  });

  it('starts unrestored sessions as before: initialize first', async () => {
    const [clientTransport, serverTransport] = createMemoryTransportPair();
    serverCopy().connect(serverTransport);
    const client = createClientSession(clientTransport, { clientInfo, capabilities: {} });
    client.connect();
    await expect(firstValueFrom(client.request('tools/list'))).rejects.toThrow(/before initialization/);
  });
});
