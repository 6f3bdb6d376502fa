// A 2025 session's experimental tasks when another process takes the session over (restore from
// its snapshot), in virtual time on fake transports: two servers on one task store and linked
// buses. The owner of the tasks is the session id, so the session sees its earlier tasks on the
// new process, hears their status again there, and no other session sees them.
import { map, timer } from 'rxjs';
import { LATEST_PROTOCOL_VERSION } from '../../../lib/protocol/versions.js';
import { McpServer } from '../../../lib/server/mcp-server.js';
import type { SessionSnapshot } from '../../../lib/server/session-snapshot.js';
import { createFakeTransport, notification, request } from '../../../lib/testing/index.js';
import type { Transport } from '../../../lib/transport/transport.js';
import { clientInfo, marbles } from '../helpers.js';
import { shareTasks } from './linked-task-buses.js';

function node(name: string) {
  let n = 0;
  const mcp = new McpServer({ name: 'adopted', version: '1.0.0' }, { tasks: { newTaskId: () => `${name}${++n}` } });
  mcp.tool('slow', { execution: { taskSupport: 'optional' } }, () => timer(10).pipe(map(() => 'slept')));
  return mcp;
}

/** A fake transport of Streamable HTTP session `sessionId`. */
function sessionTransport(sessionId: string) {
  const fake = createFakeTransport();
  const transport: Transport = { ...fake.transport, info: { sessionId } };
  return { fake, transport };
}

const replyTo = (sent: readonly unknown[], id: number) =>
  (sent as { id?: number; result?: any; error?: { code: number } }[]).find((message) => message.id === id);
const statuses = (sent: readonly unknown[]) =>
  (sent as { method?: string; params?: { taskId: string; status: string } }[])
    .filter((message) => message.method === 'notifications/tasks/status')
    .map((message) => `${message.params!.taskId}:${message.params!.status}`);

function cluster() {
  const [a, b] = [node('a'), node('b')];
  shareTasks(a, b);
  return { a, b };
}

/** Session `sessionId` initialized on `mcp`; its last snapshot. */
function initialized(mcp: McpServer, sessionId: string) {
  const snapshots: SessionSnapshot[] = [];
  const { fake, transport } = sessionTransport(sessionId);
  const connection = mcp.connect(transport, { onStateChange: (snapshot) => snapshots.push(snapshot) });
  fake.receive(request(0, 'initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo }));
  fake.receive(notification('notifications/initialized'));
  return { fake, connection, snapshot: () => snapshots.at(-1)! };
}

describe('tasks of a 2025 session taken over by another process (virtual time)', () => {
  it('the adopted session sees its earlier task (get, list); other sessions do not see it', () => {
    marbles().run(({ flush }) => {
      const { a, b } = cluster();
      const first = initialized(a, 'S');
      first.fake.receive(request(1, 'tools/call', { name: 'slow', arguments: {}, task: {} }));
      flush();
      expect(replyTo(first.fake.sent, 1)?.result.task).toEqual(expect.objectContaining({ taskId: 'a1' }));
      const snapshot = first.snapshot();
      // B takes session S over (A's connection to it is gone), and serves an unrelated session T.
      first.connection.unsubscribe();
      const adopted = sessionTransport('S');
      b.connect(adopted.transport, { restore: snapshot });
      const other = initialized(b, 'T');
      adopted.fake.receive(request(2, 'tasks/get', { taskId: 'a1' }));
      adopted.fake.receive(request(3, 'tasks/list', {}));
      other.fake.receive(request(4, 'tasks/get', { taskId: 'a1' }));
      other.fake.receive(request(5, 'tasks/list', {}));
      flush();
      expect(replyTo(adopted.fake.sent, 2)?.result).toEqual(expect.objectContaining({ taskId: 'a1' }));
      expect(replyTo(adopted.fake.sent, 3)?.result.tasks.map((task: { taskId: string }) => task.taskId)).toEqual([
        'a1',
      ]);
      expect(replyTo(other.fake.sent, 4)?.error?.code).toBe(-32602);
      expect(replyTo(other.fake.sent, 5)?.result.tasks).toEqual([]);
      expect(statuses(other.fake.sent)).toEqual([]);
    });
  });

  it('a session restored while its task runs elsewhere hears the task end, once; its new tasks are heard once too', () => {
    marbles().run(({ cold, flush }) => {
      const { a, b } = cluster();
      const first = initialized(a, 'S');
      const adopted = sessionTransport('S');
      cold('a-b---c').subscribe((step) => {
        if (step === 'a') first.fake.receive(request(1, 'tools/call', { name: 'slow', arguments: {}, task: {} }));
        // Restored on B at 2 while a1 runs on A (a load balancer moved the client): a1 ends at 10.
        if (step === 'b') b.connect(adopted.transport, { restore: first.snapshot() });
        if (step === 'c') adopted.fake.receive(request(2, 'tools/call', { name: 'slow', arguments: {}, task: {} }));
      });
      flush();
      expect(statuses(adopted.fake.sent)).toEqual(['a1:completed', 'b1:completed']);
      adopted.fake.receive(request(3, 'tasks/result', { taskId: 'a1' }));
      flush();
      expect(replyTo(adopted.fake.sent, 3)?.result.content).toEqual([{ type: 'text', text: 'slept' }]);
    });
  });

  it('without a session id (stdio, memory) each session object owns its tasks, as before', () => {
    marbles().run(({ flush }) => {
      const mcp = node('m');
      const [one, two] = [createFakeTransport(), createFakeTransport()];
      for (const fake of [one, two]) {
        mcp.connect(fake.transport);
        fake.receive(
          request(0, 'initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo }),
        );
      }
      one.receive(request(1, 'tools/call', { name: 'slow', arguments: {}, task: {} }));
      flush();
      two.receive(request(2, 'tasks/get', { taskId: 'm1' }));
      one.receive(request(3, 'tasks/get', { taskId: 'm1' }));
      flush();
      expect(replyTo(two.sent, 2)?.error?.code).toBe(-32602);
      expect(replyTo(one.sent, 3)?.result.status).toBe('completed');
    });
  });
});
