import { catchError, map, of, switchMap, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { McpError } from '../../../lib/protocol/errors.js';
import { brief, taskSetup } from './task-support.js';

const marbles = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const errorOf = (error: McpError) => of(`!${error.kind}:${error.code ?? ''}`);

describe('callTool with task on a 2025 session (2025-11-25 experimental tasks)', () => {
  it('working → completed: CreateTaskResult, notifications/tasks/status and polls, then tasks/result', () => {
    marbles().run(({ expectObservable, flush }) => {
      const { client, methods, times } = taskSetup('legacy');
      const events = client.callTool({ name: 'job' }, { task: { ttl: 60_000 } });
      expectObservable(brief(events)).toBe('w 29ms (c=|)', { w: 'working', c: 'completed', '=': '=done' });
      flush();
      expect((methods('tools/call')[0] as any).params.task).toEqual({ ttl: 60_000 });
      expect(times('tasks/get')).toEqual([10, 20]); // every pollInterval (10 ms); the end is pushed at 30
      expect(methods('tasks/result').map((message: any) => message.params)).toEqual([{ taskId: 'job-1' }]);
    });
  });

  it('the task’s ttl and pollInterval come through as ttlMs and pollIntervalMs', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = taskSetup('legacy');
      const first = client
        .callTool({ name: 'job' }, { task: { ttl: 60_000 } })
        .pipe(map((event) => (event.type === 'status' ? [event.task.ttlMs, event.task.pollIntervalMs] : 'r')));
      expectObservable(first).toBe('a 29ms (ar|)', { a: [60_000, 10], r: 'r' });
    });
  });

  it('notification vs poll: with a slow pollInterval the pushed status ends the task at once', () => {
    marbles().run(({ expectObservable, flush }) => {
      const { client, methods } = taskSetup('legacy', { pollIntervalMs: 1_000 });
      expectObservable(brief(client.callTool({ name: 'job' }, { task: {} }))).toBe('w 29ms (c=|)', {
        w: 'working',
        c: 'completed',
        '=': '=done',
      });
      flush();
      expect(methods('tasks/get')).toEqual([]);
    });
  });

  it('failed: tasks/result answers the task’s error', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = taskSetup('legacy');
      expectObservable(brief(client.callTool({ name: 'broken' }, { task: {} })).pipe(catchError(errorOf))).toBe(
        'w 19ms (fe|)',
        { w: 'working', f: 'failed', e: '!protocol:-32603' },
      );
    });
  });

  it('a plain result (a tool that is not a task) is the only event', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = taskSetup('legacy');
      expectObservable(brief(client.callTool({ name: 'now' }, { task: {} }))).toBe('(=|)', { '=': '=at once' });
    });
  });

  it('cancelled: unsubscribing cancels the task on the server; task$ follows it by id on the same session and errors with kind closed', () => {
    marbles().run(({ expectObservable, cold }) => {
      const { server, client } = taskSetup('legacy');
      client.connect(); // a 2025 task belongs to its session: keep it open for task$
      expectObservable(brief(client.callTool({ name: 'job' }, { task: {} })), '^--------!').toBe('w', { w: 'working' });
      expectObservable(cold('------------a|').pipe(map(() => server.tasks.runningCount))).toBe('------------a|', {
        a: 0,
      });
      const resumed = timer(10).pipe(
        switchMap(() => brief(client.task$('job-1'))),
        catchError(errorOf),
      );
      expectObservable(resumed).toBe('----------(xe|)', { x: 'cancelled', e: '!closed:' });
    });
  });

  it('expired TTL: the next poll after the server forgot the task errors with -32602', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = taskSetup('legacy', { ttlMs: 15 });
      expectObservable(brief(client.callTool({ name: 'job' }, { task: {} })).pipe(catchError(errorOf))).toBe(
        'w 19ms (e|)',
        { w: 'working', e: '!protocol:-32602' },
      );
    });
  });
});
