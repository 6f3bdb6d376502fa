// The built `rxmcp run` over stdio, in each era: the client's first message decides for the process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BUILD_TIMEOUT_MS, ensureBuiltCli, everythingServer, root } from '../../everything/built-cli.js';
import { until } from '../../support/until.js';

type Message = {
  id?: number;
  method?: string;
  result?: Record<string, unknown>;
  error?: { code: number };
  params?: Record<string, unknown>;
};
const VERSION = '2026-07-28';
const envelope = {
  'io.modelcontextprotocol/protocolVersion': VERSION,
  'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
};

/** `rxmcp run demo/everything-server.ts` on stdio; records every line it writes. */
class StdioChild {
  readonly received: Message[] = [];
  readonly child: ChildProcessWithoutNullStreams;
  exitCode: number | null | undefined;
  constructor(bin: string) {
    this.child = spawn(process.execPath, [bin, 'run', everythingServer], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.received.push(JSON.parse(line) as Message));
    this.child.once('exit', (code) => (this.exitCode = code));
  }
  send(message: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  }
  /** A modern request: its params carry the envelope. */
  request(id: number, method: string, params: Record<string, unknown> = {}): void {
    this.send({
      id,
      method,
      params: { ...params, _meta: { ...envelope, ...(params['_meta'] as object | undefined) } },
    });
  }
  async response(id: number): Promise<Message> {
    await until(
      () => this.received.some((message) => message.id === id && message.method === undefined),
      `the answer to ${String(id)}`,
      30_000,
    );
    return this.received.find((message) => message.id === id && message.method === undefined)!;
  }
  async close(): Promise<void> {
    this.child.stdin.end();
    await until(() => this.exitCode !== undefined, 'the exit', 30_000);
  }
}

describe('rxmcp run over stdio serves either era', () => {
  let bin: string;
  beforeAll(async () => {
    bin = await ensureBuiltCli();
  }, BUILD_TIMEOUT_MS);

  it('serves 2026-07-28 requests statelessly when the first one has the envelope: discover, MRTR, listen, cancel', async () => {
    const stdio = new StdioChild(bin);
    stdio.request(1, 'server/discover');
    expect((await stdio.response(1)).result).toMatchObject({
      supportedVersions: expect.arrayContaining([VERSION, '2025-11-25']),
    });

    stdio.request(2, 'tools/call', { name: 'test_input_required_result_elicitation', arguments: {} });
    const asked = (await stdio.response(2)).result as {
      resultType: string;
      inputRequests: Record<string, unknown>;
      requestState: string;
    };
    expect(asked).toMatchObject({
      resultType: 'input_required',
      inputRequests: { user_name: { method: 'elicitation/create' } },
    });
    stdio.request(3, 'tools/call', {
      name: 'test_input_required_result_elicitation',
      arguments: {},
      inputResponses: { user_name: { action: 'accept', content: { name: 'Ada' } } },
      requestState: asked.requestState,
    });
    expect((await stdio.response(3)).result).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'Hello, Ada!' }],
    });

    stdio.request(4, 'subscriptions/listen', { notifications: { toolsListChanged: true } });
    await until(
      () => stdio.received.some((message) => message.method === 'notifications/subscriptions/acknowledged'),
      'the acknowledgement',
      30_000,
    );
    stdio.request(5, 'tools/call', { name: 'test_trigger_tool_change', arguments: {} });
    await stdio.response(5);
    await until(
      () => stdio.received.some((message) => message.method === 'notifications/tools/list_changed'),
      'list_changed',
      30_000,
    );
    const changed = stdio.received.find((message) => message.method === 'notifications/tools/list_changed')!;
    expect(changed.params?.['_meta']).toEqual({ 'io.modelcontextprotocol/subscriptionId': 4 });

    // Cancelled, the listen stream sends nothing more; the connection carries on.
    stdio.send({ method: 'notifications/cancelled', params: { requestId: 4 } });
    stdio.request(6, 'tools/call', { name: 'test_trigger_tool_change', arguments: {} });
    await stdio.response(6);
    stdio.request(7, 'tools/list');
    expect(((await stdio.response(7)).result as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
    expect(stdio.received.filter((message) => message.method === 'notifications/tools/list_changed')).toHaveLength(1);
    expect(stdio.received.filter((message) => message.id === 4)).toHaveLength(0);

    // A 2025 handshake on a modern process is refused (the era is decided).
    stdio.send({
      id: 8,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'late', version: '1' } },
    });
    expect((await stdio.response(8)).error).toMatchObject({ code: -32602 });
    await stdio.close();
    expect(stdio.exitCode).toBe(0);
  });

  it('keeps the 2025 session when initialize comes first', async () => {
    const stdio = new StdioChild(bin);
    stdio.send({
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'legacy', version: '1' } },
    });
    expect((await stdio.response(1)).result).toMatchObject({ protocolVersion: '2025-11-25' });
    stdio.send({ method: 'notifications/initialized' });
    stdio.send({ id: 2, method: 'tools/list' });
    const listed = (await stdio.response(2)).result as { tools: unknown[]; resultType?: string };
    expect(listed.tools.length).toBeGreaterThan(0);
    expect(listed.resultType).toBeUndefined();
    await stdio.close();
    expect(stdio.exitCode).toBe(0);
  });
});
