import { resolve } from 'node:path';
import { filter, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { McpClient } from '../../../lib/client/mcp-client.js';
import type { ToolTaskEvent } from '../../../lib/client/tasks/task-state.js';
import { createStdioClientTransport } from '../../../lib/node/stdio/index.js';
import { until } from '../../support/until.js';
import { isAlive } from '../../support/is-alive.js';

// The official reference server (pinned in devDependencies), over stdio: its
// `simulate-research-query` tool runs only as a 2025-11-25 experimental task (taskSupport
// 'required'), four stages of a second each, and asks for a clarification through the task's
// `tasks/result` stream when `ambiguous` is set.
const root = resolve(__dirname, '../../..');
const serverEverything = resolve(root, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

const statuses = (events: ToolTaskEvent[]) =>
  events.flatMap((event) => (event.type === 'status' ? [event.task.status] : []));
const collapse = (list: string[]) => list.filter((status, i) => status !== list[i - 1]);
const resultText = (events: ToolTaskEvent[]) => {
  const last = events.at(-1);
  if (last?.type !== 'result') throw new Error('the last event is not the result');
  return (last.result.content[0] as { text: string }).text;
};

describe('McpClient → the reference server-everything, its task tools over stdio', () => {
  const asked: unknown[] = [];
  const pids: number[] = [];
  const spawn = () => {
    const transport = createStdioClientTransport({
      command: process.execPath,
      args: [serverEverything, 'stdio'],
      cwd: root,
      closeTimeoutMs: 300,
    });
    if (transport.pid !== undefined) pids.push(transport.pid);
    return transport;
  };
  const client = new McpClient(spawn, {
    clientInfo: { name: 'rxmcp-tasks-spec', version: '0.0.0' },
    handlers: {
      elicitation: (params) => {
        asked.push(params);
        return { action: 'accept', content: { interpretation: 'historical' } };
      },
    },
  });
  let held: { unsubscribe(): void } | undefined;

  beforeAll(async () => {
    held = client.connect();
    // Its task tools are registered once the session is initialized.
    await firstValueFrom(
      client.tools$.pipe(filter((tools) => tools.some((tool) => tool.name === 'simulate-research-query'))),
    );
  }, 60_000);
  afterAll(async () => {
    held?.unsubscribe();
    await until(() => pids.every((pid) => !isAlive(pid)), 'the server-everything child to exit', 30_000);
  }, 40_000);

  it('lists simulate-research-query as a task-only tool', async () => {
    const tools = await firstValueFrom(client.tools$);
    expect(tools.find((tool) => tool.name === 'simulate-research-query')?.execution).toEqual({
      taskSupport: 'required',
    });
  });

  it('working (through its stages, polled at its pollInterval) → completed, then the report from tasks/result', async () => {
    const events = await lastValueFrom(
      client.callTool({ name: 'simulate-research-query', arguments: { topic: 'rxjs' } }, { task: {} }).pipe(toArray()),
    );
    expect(collapse(statuses(events))).toEqual(['working', 'completed']);
    const first = events[0] as Extract<ToolTaskEvent, { type: 'status' }>;
    expect(first.task).toMatchObject({ status: 'working', ttlMs: 300_000, pollIntervalMs: 1_000 });
    const messages = events.flatMap((event) =>
      event.type === 'status' && event.task.statusMessage ? [event.task.statusMessage] : [],
    );
    expect(messages.some((message) => /Analyzing content|Synthesizing findings|Generating report/.test(message))).toBe(
      true,
    );
    expect(resultText(events)).toContain('# Research Report: rxjs');
  }, 60_000);

  it('working → input_required → working → completed: the clarification is asked through tasks/result and answered by the elicitation handler', async () => {
    asked.length = 0;
    const events = await lastValueFrom(
      client
        .callTool({ name: 'simulate-research-query', arguments: { topic: 'python', ambiguous: true } }, { task: {} })
        .pipe(toArray()),
    );
    expect(collapse(statuses(events))).toEqual(['working', 'input_required', 'working', 'completed']);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ message: expect.stringContaining('python') });
    expect(resultText(events)).toContain('python (historical)');
  }, 60_000);
});
