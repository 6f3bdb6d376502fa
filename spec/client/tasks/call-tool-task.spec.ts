import { asyncScheduler, catchError, map, of, switchMap, timer } from 'rxjs';
import type { McpError } from '../../../lib/protocol/errors.js';
import { TestScheduler } from 'rxjs/testing';
import { McpClient } from '../../../lib/client/mcp-client.js';
import { callToolTask, resumeToolTask } from '../../../lib/client/tasks/call-tool-task.js';
import { McpServer } from '../../../lib/server/mcp-server.js';
import { createMemoryTransportPair } from '../../../lib/transport/memory.js';

const marbles = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** An McpServer with a `job` tool (a task) that takes 30 ms, and a client connected to it in memory. */
function setup() {
  const server = new McpServer({ name: 'tasks', version: '1.0.0' }, { scheduler: asyncScheduler, tasks: { pollIntervalMs: 10, newTaskId: () => 'job-1' } });
  let ran = 0;
  server.tool('job', { execution: { taskSupport: 'optional' } }, () => {
    ran++;
    return timer(30).pipe(map(() => 'done'));
  });
  server.tool('now', {}, () => 'at once');
  const client = new McpClient(() => {
    const [clientSide, serverSide] = createMemoryTransportPair();
    server.connect(serverSide);
    return clientSide;
  });
  return { server, client, ran: () => ran };
}

describe('callToolTask (2025-11-25 experimental tasks)', () => {
  it('emits the status each time it changes, polling at the task’s interval, then the result', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = setup();
      const events = callToolTask(client, { name: 'job' }).pipe(map((event) => (event.type === 'status' ? event.task.status : event.result.content[0])));
      expectObservable(events).toBe('w 29ms (cr|)', { w: 'working', c: 'completed', r: { type: 'text', text: 'done' } });
    });
  });

  it('a plain result (a tool that is not a task) is the only event', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = setup();
      expectObservable(callToolTask(client, { name: 'now' }).pipe(map((event) => event.type))).toBe('(r|)', { r: 'result' });
    });
  });

  it('unsubscribing before the end cancels the task on the server; resumeToolTask follows a task by id (same session)', () => {
    marbles().run(({ expectObservable, cold }) => {
      const { server, client } = setup();
      client.connect(); // the session the task belongs to stays open for the resume
      expectObservable(callToolTask(client, { name: 'job' }).pipe(map((event) => event.type)), '^--------!').toBe('s', { s: 'status' });
      expectObservable(cold('------------a|').pipe(map(() => server.tasks.runningCount))).toBe('------------a|', { a: 0 });
      const resumed = timer(10).pipe(
        switchMap(() => resumeToolTask(client, 'job-1')),
        map((event) => (event.type === 'status' ? event.task.status : event.type)),
        catchError((error: McpError) => of(error.kind)),
      );
      expectObservable(resumed).toBe('----------(ck|)', { c: 'cancelled', k: 'closed' });
    });
  });
});
