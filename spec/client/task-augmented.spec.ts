import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import type { CallToolResult, CreateTaskResult } from '../../lib/protocol/index.js';
import { createPeer } from './peer.js';

const task = {
  taskId: 't1',
  status: 'working',
  createdAt: '2026-01-01T00:00:00Z',
  lastUpdatedAt: '2026-01-01T00:00:00Z',
  ttl: 60_000,
  pollInterval: 500,
};
const capabilities = { tools: {}, tasks: { requests: { tools: { call: {} } } } };

/** A server that answers a task-augmented tools/call with a CreateTaskResult, and a plain one with content. */
const peer = () =>
  createPeer({
    capabilities,
    handlers: {
      'tools/call': (params: { task?: object }) =>
        params.task ? { task } : { content: [{ type: 'text', text: 'now' }] },
    },
  });

describe('a task-augmented tools/call', () => {
  it('accepts the CreateTaskResult the spec allows for a request with params.task', async () => {
    const client = new McpClient(peer().factory);
    const created: CreateTaskResult = await firstValueFrom(
      client.request('tools/call', { name: 'slow', arguments: {}, task: { ttl: 60_000 } }),
    );
    expect(created).toEqual({ task });
  });

  it('validates the result event as a CreateTaskResult with observe: events', async () => {
    const client = new McpClient(peer().factory);
    const events = await lastValueFrom(
      client.request('tools/call', { name: 'slow', task: {} }, { observe: 'events' }).pipe(toArray()),
    );
    expect(events).toEqual([{ type: 'result', result: { task } }]);
  });

  it('still expects a CallToolResult when params.task is absent, and rejects a bad CreateTaskResult', async () => {
    const client = new McpClient(peer().factory);
    const plain: CallToolResult = await firstValueFrom(client.request('tools/call', { name: 'slow' }));
    expect(plain).toEqual({ content: [{ type: 'text', text: 'now' }] });
    const liar = createPeer({ capabilities, handlers: { 'tools/call': () => ({ task: { taskId: 7 } }) } });
    await expect(
      firstValueFrom(new McpClient(liar.factory).request('tools/call', { name: 'slow', task: {} })),
    ).rejects.toMatchObject({ kind: 'validation' });
    const untasked = createPeer({ capabilities, handlers: { 'tools/call': () => ({ task }) } });
    await expect(
      firstValueFrom(new McpClient(untasked.factory).request('tools/call', { name: 'slow' })),
    ).rejects.toMatchObject({ kind: 'validation' });
  });
});
