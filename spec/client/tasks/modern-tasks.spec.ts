import { catchError, map, of, switchMap, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { McpError } from '../../../lib/protocol/errors.js';
import { brief, taskSetup } from './task-support.js';

const TASKS = 'io.modelcontextprotocol/tasks';
const marbles = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const errorOf = (error: McpError) => of(`!${error.kind}:${error.code ?? ''}`);

describe('callTool with task on a 2026-07-28 connection (tasks extension, SEP-2663)', () => {
  it('working → completed: the call declares the extension; tasks/get waits pollIntervalMs after the last state seen; the inlined result ends it', () => {
    marbles().run(({ expectObservable, flush }) => {
      const { client, methods, times } = taskSetup('modern');
      expectObservable(brief(client.callTool({ name: 'job' }, { task: {} }))).toBe('w 29ms (c=|)', {
        w: 'working',
        c: 'completed',
        '=': '=done',
      });
      flush();
      const [call] = methods('tools/call');
      expect((call as any).params._meta['io.modelcontextprotocol/clientCapabilities'].extensions).toEqual({
        [TASKS]: {},
      });
      // The progress notification at 5 restarts the wait: polls at 15 and 25; the end is pushed at 30.
      expect(times('tasks/get')).toEqual([15, 25]);
      expect(methods('tasks/result')).toEqual([]);
      for (const get of methods('tasks/get'))
        expect((get as any).params._meta['io.modelcontextprotocol/clientCapabilities'].extensions).toEqual({
          [TASKS]: {},
        });
    });
  });

  it('the status message follows the task’s progress', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = taskSetup('modern');
      const messages = client
        .callTool({ name: 'job' }, { task: {} })
        .pipe(
          map((event) =>
            event.type === 'status' ? `${event.task.status}:${event.task.statusMessage ?? ''}` : 'result',
          ),
        );
      expectObservable(messages).toBe('a 4ms b 24ms (cr|)', {
        a: 'working:',
        b: 'working:started',
        c: 'completed:started',
        r: 'result',
      });
    });
  });

  it('working → input_required → working → completed: the input request is answered once by the elicitation handler and sent with tasks/update', () => {
    marbles().run(({ expectObservable, cold, flush }) => {
      const { client, methods } = taskSetup('modern', {
        handlers: { elicitation: () => cold('---a|', { a: { action: 'accept' as const, content: { name: 'Ada' } } }) },
      });
      expectObservable(brief(client.callTool({ name: 'ask' }, { task: {} }))).toBe('w 9ms i 2ms w 9ms (c=|)', {
        w: 'working',
        i: 'input_required',
        c: 'completed',
        '=': '=Hello, Ada',
      });
      flush();
      const updates = methods('tasks/update');
      expect(updates).toHaveLength(1);
      expect((updates[0] as any).params).toMatchObject({
        taskId: 'job-1',
        inputResponses: { who: { action: 'accept', content: { name: 'Ada' } } },
      });
    });
  });

  it('an input request the client has no handler for (elicitation announced, no handler) fails the call with -32601 and cancels the task', () => {
    marbles().run(({ expectObservable, flush }) => {
      const { server, client, methods } = taskSetup('modern', { capabilities: { elicitation: {} } });
      expectObservable(brief(client.callTool({ name: 'ask' }, { task: {} })).pipe(catchError(errorOf))).toBe(
        'w 9ms (ie|)',
        { w: 'working', i: 'input_required', e: '!protocol:-32601' },
      );
      flush();
      expect(methods('tasks/update')).toEqual([]);
      expect(methods('tasks/cancel').map((message: any) => message.params.taskId)).toEqual(['job-1']);
      expect(server.tasks.runningCount).toBe(0);
    });
  });

  it('a client that cannot be asked (no elicitation capability): the server fails the task with -32021', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = taskSetup('modern');
      expectObservable(brief(client.callTool({ name: 'ask' }, { task: {} })).pipe(catchError(errorOf))).toBe(
        'w 9ms (fe|)',
        { w: 'working', f: 'failed', e: '!protocol:-32021' },
      );
    });
  });

  it('failed: errors with the task’s JSON-RPC error', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = taskSetup('modern');
      expectObservable(brief(client.callTool({ name: 'broken' }, { task: {} })).pipe(catchError(errorOf))).toBe(
        'w 19ms (fe|)',
        { w: 'working', f: 'failed', e: '!protocol:-32603' },
      );
    });
  });

  it('cancelled: unsubscribing sends tasks/cancel and the task stops; cancelled elsewhere, the call errors with kind closed', () => {
    marbles().run(({ expectObservable, cold, flush }) => {
      const { server, client, methods } = taskSetup('modern');
      expectObservable(brief(client.callTool({ name: 'job' }, { task: {} })), '^----!').toBe('w', { w: 'working' });
      expectObservable(cold('-------a|').pipe(map(() => server.tasks.runningCount))).toBe('-------a|', { a: 0 });
      flush();
      expect(methods('tasks/cancel').map((message: any) => message.params.taskId)).toEqual(['job-1']);
    });
    marbles().run(({ expectObservable }) => {
      const { server, client } = taskSetup('modern');
      timer(15)
        .pipe(switchMap(() => server.tasks.cancel('job-1')))
        .subscribe();
      expectObservable(brief(client.callTool({ name: 'job' }, { task: {} })).pipe(catchError(errorOf))).toBe(
        'w 14ms (xe|)',
        { w: 'working', x: 'cancelled', e: '!closed:' },
      );
    });
  });

  it('expired TTL: once the server has forgotten the task, the next poll errors with -32602', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = taskSetup('modern', { ttlMs: 15 });
      expectObservable(brief(client.callTool({ name: 'job' }, { task: {} })).pipe(catchError(errorOf))).toBe(
        'w 14ms (e|)',
        { w: 'working', e: '!protocol:-32602' },
      );
    });
  });

  it('notification vs poll: notifications/tasks on the listen stream end the task at once, with no tasks/get before the slow poll', () => {
    marbles().run(({ expectObservable, flush }) => {
      const { client, methods } = taskSetup('modern', { pollIntervalMs: 1_000 });
      expectObservable(brief(client.callTool({ name: 'job' }, { task: {} }))).toBe('w 29ms (c=|)', {
        w: 'working',
        c: 'completed',
        '=': '=done',
      });
      flush();
      expect(methods('tasks/get')).toEqual([]);
      const [listen] = methods('subscriptions/listen') as any[];
      expect(listen.params.notifications).toEqual({ taskIds: ['job-1'] });
      expect(listen.params._meta['io.modelcontextprotocol/clientCapabilities'].extensions).toEqual({ [TASKS]: {} });
    });
  });

  it('a tool that is not a task answers the result, the only event', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = taskSetup('modern');
      expectObservable(brief(client.callTool({ name: 'now' }, { task: {} }))).toBe('(=|)', { '=': '=at once' });
    });
  });

  it('task$ resumes a task by its id on a new connection after the first one dropped (no tasks/cancel was delivered)', () => {
    marbles().run(({ expectObservable, flush }) => {
      const { server, client, drop } = taskSetup('modern', { pollIntervalMs: 1_000 });
      timer(8).subscribe(() => drop());
      expectObservable(brief(client.callTool({ name: 'job' }, { task: {} })).pipe(catchError(errorOf))).toBe(
        'w 7ms (e|)',
        { w: 'working', e: '!closed:-32000' },
      );
      const resumed = timer(12).pipe(switchMap(() => client.task$('job-1')));
      expectObservable(brief(resumed)).toBe('12ms w 17ms (c=|)', { w: 'working', c: 'completed', '=': '=done' });
      flush();
      expect(server.tasks.runningCount).toBe(0);
    });
  });
});
