import { map, Subject } from 'rxjs';
import { McpServer } from '../../../lib/server/mcp-server.js';
import { call, initializedClient } from '../helpers.js';

/** A server whose `job` tool finishes when the spec says so. */
function server() {
  const finish = new Subject<string>();
  const signals: AbortSignal[] = [];
  const mcp = new McpServer({ name: 'legacy-tasks', version: '1.0.0' });
  mcp.tool('job', { execution: { taskSupport: 'optional' } }, (_args, ctx) => {
    signals.push(ctx.signal);
    return finish.pipe(map((text) => text));
  });
  mcp.tool('must', { execution: { taskSupport: 'required' } }, () => 'done');
  return { mcp, finish, signals };
}

const code = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (error: { code?: number }) => error.code,
  );

describe('experimental tasks of 2025-11-25 on a session', () => {
  it('params.task answers CreateTaskResult; tasks/get, tasks/list follow it; tasks/result waits and carries related-task _meta', async () => {
    const { mcp, finish } = server();
    const client = await initializedClient(mcp);
    const created = await call(client, 'tools/call', { name: 'job', task: { ttl: 60_000 } });
    expect(created.task).toEqual(expect.objectContaining({ status: 'working', ttl: 60_000, pollInterval: 500 }));
    const { taskId } = created.task;
    expect(await call(client, 'tasks/get', { taskId })).toEqual(expect.objectContaining({ taskId, status: 'working' }));
    expect((await call(client, 'tasks/list', {})).tasks.map((task: { taskId: string }) => task.taskId)).toEqual([
      taskId,
    ]);
    const result = call(client, 'tasks/result', { taskId });
    finish.next('finished');
    finish.complete();
    expect(await result).toEqual({
      content: [{ type: 'text', text: 'finished' }],
      _meta: { 'io.modelcontextprotocol/related-task': { taskId } },
    });
    expect(await call(client, 'tasks/get', { taskId })).toEqual(expect.objectContaining({ status: 'completed' }));
    expect(await code(call(client, 'tasks/cancel', { taskId }))).toBe(-32602);
  });

  it('tasks/cancel cancels a working task (the handler’s signal aborts); another session does not see it; a required tool without params.task is -32601', async () => {
    const { mcp, signals } = server();
    const client = await initializedClient(mcp);
    const other = await initializedClient(mcp);
    const { taskId } = (await call(client, 'tools/call', { name: 'job', task: {} })).task;
    expect(await code(call(other, 'tasks/get', { taskId }))).toBe(-32602);
    expect(await call(client, 'tasks/cancel', { taskId })).toEqual(
      expect.objectContaining({ taskId, status: 'cancelled' }),
    );
    expect(signals.map((signal) => signal.aborted)).toEqual([true]);
    expect(await code(call(client, 'tasks/result', { taskId }))).toBe(-32603);
    expect(await code(call(client, 'tools/call', { name: 'must' }))).toBe(-32601);
  });
});
