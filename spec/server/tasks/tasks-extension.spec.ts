import { finalize, lastValueFrom, map, type Observable, switchMap, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import * as z from 'zod';
import { ErrorCode, McpError } from '../../../lib/protocol/errors.js';
import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import { McpServer } from '../../../lib/server/mcp-server.js';
import { runAsTask } from '../../../lib/server/tasks/run-as-task.js';
import { request } from '../../../lib/testing/messages.js';

const TASKS = 'io.modelcontextprotocol/tasks';
const withTasks = { elicitation: {}, extensions: { [TASKS]: {} } };
const marbles = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const nameForm = {
  message: 'Name?',
  requestedSchema: { type: 'object' as const, properties: { name: { type: 'string' as const } }, required: ['name'] },
};

let torn = 0;
function server(ttlMs?: number) {
  torn = 0;
  const mcp = new McpServer(
    { name: 'tasks', version: '1.0.0' },
    { tasks: { newTaskId: counter(), ...(ttlMs === undefined ? {} : { ttlMs }) } },
  );
  mcp.tool('greet', {}, () => 'hi');
  mcp.tool(
    'slow',
    { inputSchema: z.object({ ms: z.number() }), execution: { taskSupport: 'optional' } },
    ({ ms }, ctx) => {
      ctx.progress(0, 1, 'started');
      return timer(ms).pipe(
        map(() => `slept ${ms}`),
        finalize(() => torn++),
      );
    },
  );
  mcp.tool('must', { execution: { taskSupport: 'required' } }, () => 'done');
  mcp.tool('broken', { execution: { taskSupport: 'optional' } }, () =>
    timer(2).pipe(
      map(() => {
        throw McpError.protocol(ErrorCode.InternalError, 'crashed');
      }),
    ),
  );
  mcp.tool('oops', { execution: { taskSupport: 'optional' } }, () =>
    timer(2).pipe(
      map(() => {
        throw new Error('tool failed');
      }),
    ),
  );
  mcp.tool('ask', { execution: { taskSupport: 'optional' } }, (_args, ctx) =>
    ctx.elicit(nameForm).pipe(map((answer) => `Hello, ${String(answer.content?.['name'])}`)),
  );
  mcp.tool('then-task', { execution: { taskSupport: 'required' }, task: { start: 'handler' } }, (_args, ctx) =>
    ctx
      .elicit(nameForm, { inputKey: 'who' })
      .pipe(switchMap((answer) => runAsTask(ctx, () => `Booked for ${String(answer.content?.['name'])}`))),
  );
  return mcp;
}

function counter() {
  let n = 0;
  return () => `t${++n}`;
}

let id = 0;
/** Sends one 2026-07-28 request; emits the result (or `{ error }`) of its final answer. */
function send(
  mcp: McpServer,
  method: string,
  params: Record<string, unknown> = {},
  capabilities: Record<string, unknown> = withTasks,
): Observable<any> {
  const message = request(++id, method, {
    ...params,
    _meta: {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': capabilities,
    },
  });
  return mcp.serveModern(message, {}).pipe(
    map(({ message: reply }: { message: JSONRPCMessage }) => reply),
    map((reply: any) => {
      if ('error' in reply) return { error: reply.error.code };
      const { _meta, ...result } = reply.result;
      return result;
    }),
  );
}

/** Runs `work` at virtual frame `frame`. */
const later = (frame: number, work: () => Observable<unknown>) => timer(frame).pipe(switchMap(work));

describe('tasks extension (SEP-2663) on 2026-07-28 requests', () => {
  it('a task-supporting tool answers a task at once; tasks/get sees working with its progress, then the inlined result', () => {
    marbles().run((helpers) => {
      const mcp = server();
      const created = {
        resultType: 'task',
        taskId: 't1',
        status: 'working',
        createdAt: '1970-01-01T00:00:00.000Z',
        lastUpdatedAt: '1970-01-01T00:00:00.000Z',
        ttlMs: 3_600_000,
        pollIntervalMs: 500,
      };
      helpers
        .expectObservable(send(mcp, 'tools/call', { name: 'slow', arguments: { ms: 10 } }))
        .toBe('(a|)', { a: created });
      helpers
        .expectObservable(
          later(5, () =>
            send(mcp, 'tasks/get', { taskId: 't1' }).pipe(
              map((task) => [task.status, task.statusMessage, task.result]),
            ),
          ),
        )
        .toBe('-----(a|)', {
          a: ['working', 'started', undefined],
        });
      helpers
        .expectObservable(
          later(12, () =>
            send(mcp, 'tasks/get', { taskId: 't1' }).pipe(map((task) => [task.status, task.resultType, task.result])),
          ),
        )
        .toBe('------------(a|)', {
          a: ['completed', 'complete', { content: [{ type: 'text', text: 'slept 10' }] }],
        });
    });
  });

  it('an input request parks the task in input_required; tasks/update answers it and the task completes', () => {
    marbles().run((helpers) => {
      const mcp = server();
      helpers
        .expectObservable(send(mcp, 'tools/call', { name: 'ask' }).pipe(map((r) => r.status)))
        .toBe('(a|)', { a: 'working' });
      helpers.expectObservable(later(2, () => send(mcp, 'tasks/get', { taskId: 't1' }))).toBe('--(a|)', {
        a: expect.objectContaining({
          status: 'input_required',
          inputRequests: { elicitation_1: { method: 'elicitation/create', params: nameForm } },
        }),
      });
      helpers
        .expectObservable(
          later(4, () =>
            send(mcp, 'tasks/update', {
              taskId: 't1',
              inputResponses: { elicitation_1: { action: 'accept', content: { name: 'Ada' } } },
            }),
          ),
        )
        .toBe('----(a|)', {
          a: { resultType: 'complete' },
        });
      helpers
        .expectObservable(
          later(5, () =>
            send(mcp, 'tasks/get', { taskId: 't1' }).pipe(
              map((task) => [task.status, task.inputRequests, task.result?.content[0].text]),
            ),
          ),
        )
        .toBe('-----(a|)', {
          a: ['completed', undefined, 'Hello, Ada'],
        });
    });
  });

  it('tasks/cancel stops the work (its teardown runs), answers an empty result, and is idempotent', () => {
    marbles().run((helpers) => {
      const mcp = server();
      helpers
        .expectObservable(send(mcp, 'tools/call', { name: 'slow', arguments: { ms: 100 } }).pipe(map((r) => r.taskId)))
        .toBe('(a|)', { a: 't1' });
      helpers
        .expectObservable(later(3, () => send(mcp, 'tasks/cancel', { taskId: 't1' })))
        .toBe('---(a|)', { a: { resultType: 'complete' } });
      helpers
        .expectObservable(
          later(4, () => send(mcp, 'tasks/get', { taskId: 't1' }).pipe(map((task) => [task.status, torn]))),
        )
        .toBe('----(a|)', { a: ['cancelled', 1] });
      helpers
        .expectObservable(later(5, () => send(mcp, 'tasks/cancel', { taskId: 't1' })))
        .toBe('-----(a|)', { a: { resultType: 'complete' } });
      helpers
        .expectObservable(later(150, () => send(mcp, 'tasks/get', { taskId: 't1' }).pipe(map((task) => task.status))))
        .toBe('-'.repeat(150) + '(a|)', { a: 'cancelled' });
    });
  });

  it('a JSON-RPC error fails the task with that error; a tool error completes it with isError', () => {
    marbles().run((helpers) => {
      const mcp = server();
      helpers
        .expectObservable(send(mcp, 'tools/call', { name: 'broken' }).pipe(map((r) => r.taskId)))
        .toBe('(a|)', { a: 't1' });
      helpers
        .expectObservable(send(mcp, 'tools/call', { name: 'oops' }).pipe(map((r) => r.taskId)))
        .toBe('(a|)', { a: 't2' });
      helpers
        .expectObservable(
          later(5, () =>
            send(mcp, 'tasks/get', { taskId: 't1' }).pipe(map((task) => [task.status, task.error, 'result' in task])),
          ),
        )
        .toBe('-----(a|)', {
          a: ['failed', { code: ErrorCode.InternalError, message: 'crashed' }, false],
        });
      helpers
        .expectObservable(
          later(5, () => send(mcp, 'tasks/get', { taskId: 't2' }).pipe(map((task) => [task.status, task.result]))),
        )
        .toBe('-----(a|)', {
          a: ['completed', { content: [{ type: 'text', text: 'tool failed' }], isError: true }],
        });
    });
  });

  it('without the extension: tasks/* answer -32021, a required tool -32021 with the extension named, an optional one runs synchronously', () => {
    marbles().run((helpers) => {
      const mcp = server();
      for (const method of ['tasks/get', 'tasks/cancel'])
        helpers
          .expectObservable(send(mcp, method, { taskId: 'x' }, {}))
          .toBe('(a|)', { a: { error: ErrorCode.MissingRequiredClientCapability } });
      helpers
        .expectObservable(send(mcp, 'tasks/update', { taskId: 'x', inputResponses: {} }, {}))
        .toBe('(a|)', { a: { error: ErrorCode.MissingRequiredClientCapability } });
      helpers
        .expectObservable(send(mcp, 'tools/call', { name: 'must' }, {}))
        .toBe('(a|)', { a: { error: ErrorCode.MissingRequiredClientCapability } });
      helpers
        .expectObservable(send(mcp, 'tools/call', { name: 'slow', arguments: { ms: 4 } }, {}))
        .toBe('----(a|)', { a: { resultType: 'complete', content: [{ type: 'text', text: 'slept 4' }] } });
      helpers
        .expectObservable(send(mcp, 'tools/call', { name: 'greet', task: { ttl: 1000 } }))
        .toBe('(a|)', { a: { resultType: 'complete', content: [{ type: 'text', text: 'hi' }] } });
    });
  });

  it('an unknown or expired task is -32602; tasks/result and tasks/list are -32601', () => {
    marbles().run((helpers) => {
      const mcp = server(20);
      helpers
        .expectObservable(send(mcp, 'tools/call', { name: 'must' }).pipe(map((r) => [r.taskId, r.ttlMs])))
        .toBe('(a|)', { a: ['t1', 20] });
      helpers
        .expectObservable(later(5, () => send(mcp, 'tasks/get', { taskId: 't1' }).pipe(map((task) => task.status))))
        .toBe('-----(a|)', { a: 'completed' });
      helpers
        .expectObservable(later(20, () => send(mcp, 'tasks/get', { taskId: 't1' })))
        .toBe('-'.repeat(20) + '(a|)', { a: { error: ErrorCode.InvalidParams } });
      helpers
        .expectObservable(send(mcp, 'tasks/update', { taskId: 'nope', inputResponses: {} }))
        .toBe('(a|)', { a: { error: ErrorCode.InvalidParams } });
      helpers
        .expectObservable(send(mcp, 'tasks/result', { taskId: 't1' }))
        .toBe('(a|)', { a: { error: ErrorCode.MethodNotFound } });
      helpers.expectObservable(send(mcp, 'tasks/list', {})).toBe('(a|)', { a: { error: ErrorCode.MethodNotFound } });
    });
  });

  it('runAsTask: an MRTR round first (no task), then the answered round becomes a task whose result uses the answer', async () => {
    const mcp = server();
    const first = await lastValueFrom(send(mcp, 'tools/call', { name: 'then-task' }));
    expect([first.resultType, Object.keys(first.inputRequests), 'taskId' in first]).toEqual([
      'input_required',
      ['who'],
      false,
    ]);
    const second = await lastValueFrom(
      send(mcp, 'tools/call', {
        name: 'then-task',
        inputResponses: { who: { action: 'accept', content: { name: 'Ada' } } },
        requestState: first.requestState,
      }),
    );
    expect([second.resultType, second.taskId, 'requestState' in second, 'inputRequests' in second]).toEqual([
      'task',
      't1',
      false,
      false,
    ]);
    const task = await lastValueFrom(send(mcp, 'tasks/get', { taskId: 't1' }));
    expect([task.status, task.result?.content[0].text]).toEqual(['completed', 'Booked for Ada']);
  });

  it('server/discover announces the extension, not a 2025 tasks capability', () => {
    marbles().run((helpers) => {
      helpers
        .expectObservable(
          send(server(), 'server/discover').pipe(map((r) => [r.capabilities.extensions, r.capabilities.tasks])),
        )
        .toBe('(a|)', { a: [{ [TASKS]: {} }, undefined] });
    });
  });

  it('status notifications: a listen stream with notifications.taskIds gets notifications/tasks (the DetailedTask) for those tasks only; without the extension it is -32021', () => {
    marbles().run((helpers) => {
      const mcp = server();
      const listen = (capabilities: Record<string, unknown>) =>
        mcp.serveModern(
          request(++id, 'subscriptions/listen', {
            notifications: { taskIds: ['t1'] },
            _meta: {
              'io.modelcontextprotocol/protocolVersion': '2026-07-28',
              'io.modelcontextprotocol/clientCapabilities': capabilities,
            },
          }),
          {},
        );
      const seen = listen(withTasks).pipe(
        map(({ message }: { message: any }) =>
          message.method === 'notifications/tasks'
            ? `${message.params.status}:${message.params.result?.content[0].text ?? message.params.statusMessage ?? ''}`
            : (message.method ?? 'result'),
        ),
      );
      helpers.expectObservable(seen, '^-----------------!').toBe('as-----------c', {
        a: 'notifications/subscriptions/acknowledged',
        s: 'working:started',
        c: 'completed:slept 12',
      });
      helpers
        .expectObservable(
          later(1, () => send(mcp, 'tools/call', { name: 'slow', arguments: { ms: 12 } }).pipe(map((r) => r.taskId))),
        )
        .toBe('-(a|)', { a: 't1' });
      helpers
        .expectObservable(
          later(2, () => send(mcp, 'tools/call', { name: 'slow', arguments: { ms: 1 } }).pipe(map((r) => r.taskId))),
        )
        .toBe('--(a|)', { a: 't2' });
      helpers
        .expectObservable(listen({}).pipe(map(({ message }: { message: any }) => message.error?.code)))
        .toBe('(a|)', { a: ErrorCode.MissingRequiredClientCapability });
    });
  });
});
