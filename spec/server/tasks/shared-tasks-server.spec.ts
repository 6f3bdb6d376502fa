// Two McpServers (two processes) put on one task store and bus with useSharedState, served with
// 2026-07-28 requests in virtual time: tasks/get, tasks/update and subscriptions/listen on B for
// a task running on A; and when a server takes the shared store.
import { asyncScheduler, map, type Observable, switchMap, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { McpServer } from '../../../lib/server/mcp-server.js';
import { createInMemoryEventBus } from '../../../lib/server/modern/event-bus.js';
import { createInMemoryTaskStore } from '../../../lib/server/tasks/in-memory-task-store.js';
import type { TaskStore } from '../../../lib/server/tasks/task-store.js';
import { modernReplies, resultOrCode } from '../modern-replies.js';
import { linkedTaskBuses } from './linked-task-buses.js';

const withTasks = { elicitation: {}, extensions: { 'io.modelcontextprotocol/tasks': {} } };
const marbles = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const nameForm = {
  message: 'Name?',
  requestedSchema: { type: 'object' as const, properties: { name: { type: 'string' as const } }, required: ['name'] },
};

function node(name: string, store?: TaskStore) {
  let n = 0;
  const mcp = new McpServer(
    { name: 'shared', version: '1.0.0' },
    { tasks: { newTaskId: () => `${name}${++n}`, ...(store ? { store } : {}) } },
  );
  mcp.tool('ask', { execution: { taskSupport: 'optional' } }, (_args, ctx) =>
    ctx.elicit(nameForm).pipe(map((answer) => `Hello, ${String(answer.content?.['name'])}`)),
  );
  mcp.tool('slow', { execution: { taskSupport: 'optional' } }, () => timer(10).pipe(map(() => 'slept')));
  return mcp;
}

function cluster() {
  const store = createInMemoryTaskStore(asyncScheduler);
  const { buses } = linkedTaskBuses(2);
  const [a, b] = [node('a'), node('b')];
  a.useSharedState({ tasks: { store, bus: buses[0]! } });
  b.useSharedState({ tasks: { store, bus: buses[1]! } });
  return { a, b, store };
}

let id = 0;
const messages = (mcp: McpServer, method: string, params: Record<string, unknown> = {}) =>
  modernReplies(mcp, ++id, method, params, withTasks);
const send = (mcp: McpServer, method: string, params?: Record<string, unknown>): Observable<any> =>
  messages(mcp, method, params).pipe(map(resultOrCode));
const later = <T>(frame: number, work: () => Observable<T>) => timer(frame).pipe(switchMap(work));

describe('servers of two processes on shared tasks (useSharedState)', () => {
  it('B answers tasks/get and tasks/update for a task running on A; a listen stream on B hears A’s task', () => {
    marbles().run((helpers) => {
      const { a, b } = cluster();
      const heard = messages(b, 'subscriptions/listen', { notifications: { taskIds: ['a1'] } }).pipe(
        map((message) =>
          message.method === 'notifications/tasks'
            ? `${message.params.status}:${message.params.result?.content[0].text ?? ''}`
            : message.method,
        ),
      );
      helpers.expectObservable(heard, '^---------!').toBe('a-i----c--', {
        a: 'notifications/subscriptions/acknowledged',
        i: 'input_required:',
        c: 'completed:Hello, Ada',
      });
      helpers
        .expectObservable(later(1, () => send(a, 'tools/call', { name: 'ask' }).pipe(map((r) => r.taskId))))
        .toBe('-(a|)', { a: 'a1' });
      helpers
        .expectObservable(later(3, () => send(b, 'tasks/get', { taskId: 'a1' }).pipe(map((t) => t.status))))
        .toBe('---(a|)', { a: 'input_required' });
      // Answered on B at 5: A gets the answer at 6 and completes; B hears it at 7.
      helpers
        .expectObservable(
          later(5, () =>
            send(b, 'tasks/update', {
              taskId: 'a1',
              inputResponses: { elicitation_1: { action: 'accept', content: { name: 'Ada' } } },
            }),
          ),
        )
        .toBe('-----(a|)', { a: expect.objectContaining({ resultType: 'complete' }) });
      helpers
        .expectObservable(later(9, () => send(b, 'tasks/get', { taskId: 'a1' }).pipe(map((t) => t.result?.content))))
        .toBe('---------(a|)', { a: [{ type: 'text', text: 'Hello, Ada' }] });
    });
  });

  it('a server built with the default store takes the shared one; a store given in the options stays', () => {
    marbles().run((helpers) => {
      const shared = createInMemoryTaskStore(asyncScheduler);
      const own = createInMemoryTaskStore(asyncScheduler);
      const [plain, chosen] = [node('p'), node('c', own)];
      plain.useSharedState({ tasks: { store: shared } });
      chosen.useSharedState({ tasks: { store: shared } });
      send(plain, 'tools/call', { name: 'slow' }).subscribe();
      send(chosen, 'tools/call', { name: 'slow' }).subscribe();
      helpers
        .expectObservable(
          later(1, () => shared.list(undefined, undefined, 10).pipe(map((p) => p.tasks.map((t) => t.taskId)))),
        )
        .toBe('-(a|)', { a: ['p1'] });
      helpers
        .expectObservable(
          later(1, () => own.list(undefined, undefined, 10).pipe(map((p) => p.tasks.map((t) => t.taskId)))),
        )
        .toBe('-(a|)', { a: ['c1'] });
    });
  });

  it('once a task has been started, useSharedState with tasks throws and changes nothing', () => {
    marbles().run((helpers) => {
      const mcp = node('s');
      send(mcp, 'tools/call', { name: 'slow' }).subscribe();
      const bus = createInMemoryEventBus();
      const published: unknown[] = [];
      bus.events$.subscribe((event) => published.push(event));
      const shared = createInMemoryTaskStore(asyncScheduler);
      expect(() => mcp.useSharedState({ eventBus: bus, tasks: { store: shared } })).toThrow(
        /share its state before serving/,
      );
      mcp.notifyResourceUpdated('test://x');
      expect(published).toEqual([]); // the event bus was not taken either
      helpers
        .expectObservable(later(1, () => send(mcp, 'tasks/get', { taskId: 's1' }).pipe(map((t) => t.status))))
        .toBe('-(a|)', { a: 'working' });
    });
  });
});
