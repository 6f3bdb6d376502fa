/**
 * The checks every cell of the interop matrix runs, once per client implementation: the official
 * SDK's `Client` ({@link sdkClientChecks}) and rxmcp's `McpClient` ({@link rxmcpClientChecks}).
 * Both fixtures (`fixtures/rxmcp-server.ts`, `fixtures/sdk-server.ts`) expose the same features,
 * so the expectations are the same whichever implementation serves.
 *
 * Each function defines, inside the caller's `describe`, a `beforeAll` that opens the cell (server
 * and connected client, once), an `afterAll` that closes both, and one test per feature area.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CreateMessageRequestSchema,
  LoggingMessageNotificationSchema,
  type LoggingMessageNotification,
} from '@modelcontextprotocol/sdk/types.js';
import { filter, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import type { McpClient } from '../../lib/client/index.js';
import type { CreateMessageRequestParams, CreateMessageResult } from '../../lib/protocol/index.js';

/** A connected client and how to close it together with whatever serves it. */
export interface Opened<C> {
  readonly client: C;
  close(): Promise<void>;
}

/** An official SDK client, with what its `onerror` reported (e.g. responses to unknown ids). */
export interface SdkOpened extends Opened<Client> {
  readonly errors: Error[];
}

/** What every fixture serves. */
export const FIXTURE = {
  tools: ['cancellations', 'count', 'echo', 'log', 'sample', 'slow'],
  echo: 'héllo wörld 😀',
  /** What tool `log` logs, in order, at level info from logger `interop`. */
  logs: ['log 1', 'log 2', 'log 3'],
  /** Tool `sample`'s prompt, and its answer when the client samples with {@link answerSampling}. */
  prompt: 'What is 2+2?',
  sampled: 'sampled: answer to "What is 2+2?" in at most 50 tokens',
  hello: { uri: 'test://hello', mimeType: 'text/plain', text: 'Hello, world!' },
  template: 'test://items/{id}',
  item: { uri: 'test://items/42', mimeType: 'text/plain', text: 'Item 42' },
  greet: { name: 'greet', arguments: [{ name: 'name', description: 'Who to greet', required: true }] },
  greeting: [{ role: 'user', content: { type: 'text', text: 'Hello, Ada!' } }],
} as const;

/**
 * The clients' sampling handler: an answer that shows what the server asked (the prompt and
 * `maxTokens`), so a tool result that quotes it proves the round trip.
 */
export function answerSampling(params: CreateMessageRequestParams): CreateMessageResult {
  const [message] = params.messages;
  const content = message && !Array.isArray(message.content) ? message.content : undefined;
  const prompt = content?.type === 'text' ? content.text : JSON.stringify(params.messages);
  return {
    role: 'assistant',
    model: 'interop-model',
    content: { type: 'text', text: `answer to ${JSON.stringify(prompt)} in at most ${params.maxTokens} tokens` },
  };
}

type Content = ReadonlyArray<{ type: string; text?: string }>;
const textOf = (result: unknown): string => {
  const [first] = ((result as { content?: Content }).content ?? []) as Content;
  if (first?.type !== 'text' || first.text === undefined)
    throw new Error(`Expected one text content, got ${JSON.stringify(result)}`);
  return first.text;
};

const isNonDecreasing = (values: readonly number[]) => values.every((value, i) => i === 0 || value >= values[i - 1]!);

/** Polls `read` until `accept` holds, failing after `ms` with the last value seen. */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Still ${JSON.stringify(value)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How long opening or closing a cell may take: child processes (Python's above all) start slowly on a loaded machine. */
export const OPEN_TIMEOUT_MS = 120_000;

/** Opens a cell in `beforeAll` and closes it in `afterAll`; returns what is open (undefined if it did not open). */
function openedAround<O extends Opened<unknown>>(open: () => Promise<O>): () => O | undefined {
  let opened: O | undefined;
  beforeAll(async () => {
    opened = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await opened?.close();
  }, OPEN_TIMEOUT_MS);
  return () => opened;
}

/** The client of an opened cell; fails the test if the cell did not open. */
function clientOf<C>(opened: Opened<C> | undefined): C {
  if (!opened) throw new Error('The cell did not open');
  return opened.client;
}

/** Defines the matrix checks for the official SDK client; `open` starts the server and connects. */
export function sdkClientChecks(open: () => Promise<SdkOpened>, serverName: string): void {
  const opened = openedAround(open);
  const client = () => clientOf(opened());
  const cancellations = async () => Number(textOf(await client().callTool({ name: 'cancellations', arguments: {} })));

  it('tools: initializes, lists the tools and calls echo', async () => {
    expect(client().getServerVersion()?.name).toBe(serverName);
    const { tools } = await client().listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(FIXTURE.tools);
    expect(tools.find((tool) => tool.name === 'echo')?.inputSchema).toMatchObject({
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
    });
    const result = await client().callTool({ name: 'echo', arguments: { text: FIXTURE.echo } });
    expect(result).toMatchObject({ content: [{ type: 'text', text: FIXTURE.echo }] });
    expect(result.isError).toBeFalsy();
  });

  it('progress: receives at least 3 non-decreasing progress notifications before the result', async () => {
    const progress: number[] = [];
    const result = await client().callTool({ name: 'count', arguments: {} }, undefined, {
      onprogress: ({ progress: value }) => void progress.push(value),
    });
    expect(textOf(result)).toBe('counted 3');
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(isNonDecreasing(progress)).toBe(true);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('logging: receives the three log messages of a call, in order', async () => {
    const logs: LoggingMessageNotification['params'][] = [];
    client().setNotificationHandler(LoggingMessageNotificationSchema, ({ params }) => void logs.push(params));
    const result = await client().callTool({ name: 'log', arguments: {} });
    expect(textOf(result)).toBe('logged 3');
    await eventually(
      async () => logs.length,
      (count) => count >= FIXTURE.logs.length,
    );
    expect(logs).toEqual(FIXTURE.logs.map((data) => ({ level: 'info', logger: 'interop', data })));
  });

  it('sampling: a tool samples through the client and quotes its answer', async () => {
    client().setRequestHandler(
      CreateMessageRequestSchema,
      ({ params }) => answerSampling(params as CreateMessageRequestParams) as never,
    );
    const result = await client().callTool({ name: 'sample', arguments: { prompt: FIXTURE.prompt } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe(FIXTURE.sampled);
  });

  it('cancellation: aborting a slow call reaches its handler, and the session keeps working', async () => {
    const before = await cancellations();
    const controller = new AbortController();
    const started: number[] = [];
    const call = client().callTool({ name: 'slow', arguments: {} }, undefined, {
      signal: controller.signal,
      timeout: 20_000,
      onprogress: ({ progress }) => {
        started.push(progress);
        controller.abort(new Error('interop: cancelled by the client'));
      },
    });
    await expect(call).rejects.toThrow('interop: cancelled by the client');
    expect(started).toEqual([0]);
    await expect(eventually(cancellations, (count) => count > before)).resolves.toBe(before + 1);
    await expect(client().callTool({ name: 'echo', arguments: { text: 'still here' } })).resolves.toMatchObject({
      content: [{ type: 'text', text: 'still here' }],
    });
    await expect(client().ping()).resolves.toEqual({});
    // No late response to the cancelled request, nor anything else the SDK could not handle.
    expect(opened()?.errors).toEqual([]);
  });

  it('resources: lists, reads a resource and reads through a template', async () => {
    const { resources } = await client().listResources();
    expect(resources).toEqual([
      expect.objectContaining({ uri: FIXTURE.hello.uri, name: 'hello', mimeType: 'text/plain' }),
    ]);
    const { resourceTemplates } = await client().listResourceTemplates();
    expect(resourceTemplates).toEqual([expect.objectContaining({ uriTemplate: FIXTURE.template, name: 'item' })]);
    await expect(client().readResource({ uri: FIXTURE.hello.uri })).resolves.toMatchObject({
      contents: [FIXTURE.hello],
    });
    await expect(client().readResource({ uri: FIXTURE.item.uri })).resolves.toMatchObject({ contents: [FIXTURE.item] });
  });

  it('prompts: lists and gets greet', async () => {
    const { prompts } = await client().listPrompts();
    expect(prompts).toEqual([expect.objectContaining(FIXTURE.greet)]);
    const prompt = await client().getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
    expect(prompt.messages).toEqual(FIXTURE.greeting);
  });
}

/** Defines the matrix checks for rxmcp's McpClient; `open` starts the server and connects. */
export function rxmcpClientChecks(open: () => Promise<Opened<McpClient>>, serverName: string): void {
  const opened = openedAround(open);
  const client = () => clientOf(opened());
  const call = (name: string, args: Record<string, unknown> = {}) =>
    firstValueFrom(client().callTool({ name, arguments: args }));
  const cancellations = async () => Number(textOf(await call('cancellations')));

  it('tools: initializes, lists the tools and calls echo', async () => {
    expect(client().server?.serverInfo.name).toBe(serverName);
    const tools = await firstValueFrom(client().listTools());
    expect(tools.map((tool) => tool.name).sort()).toEqual(FIXTURE.tools);
    expect(tools.find((tool) => tool.name === 'echo')?.inputSchema).toMatchObject({
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
    });
    const result = await call('echo', { text: FIXTURE.echo });
    expect(result).toMatchObject({ content: [{ type: 'text', text: FIXTURE.echo }] });
    expect(result.isError).toBeFalsy();
  });

  it('progress: emits at least 3 non-decreasing progress events, then the result', async () => {
    const events = await lastValueFrom(
      client().callTool({ name: 'count', arguments: {} }, { observe: 'events' }).pipe(toArray()),
    );
    const last = events.at(-1);
    expect(last?.type === 'result' && textOf(last.result)).toBe('counted 3');
    const progress = events.flatMap((event) => (event.type === 'progress' ? [event.progress] : []));
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(isNonDecreasing(progress)).toBe(true);
    expect(progress).toEqual([1, 2, 3]);
    expect(events.filter((event) => event.type !== 'log').map((event) => event.type)).toEqual([
      'progress',
      'progress',
      'progress',
      'result',
    ]);
  });

  it('logging: the three log messages of a call arrive as its events, in order, before its result', async () => {
    const events = await lastValueFrom(
      client().callTool({ name: 'log', arguments: {} }, { observe: 'events' }).pipe(toArray()),
    );
    expect(events.map((event) => event.type)).toEqual(['log', 'log', 'log', 'result']);
    expect(events.slice(0, 3)).toEqual(
      FIXTURE.logs.map((data) => ({ type: 'log', level: 'info', logger: 'interop', data })),
    );
    const last = events.at(-1);
    expect(last?.type === 'result' && textOf(last.result)).toBe('logged 3');
  });

  it('sampling: a tool samples through the client (handlers.sampling) and quotes its answer', async () => {
    const result = await call('sample', { prompt: FIXTURE.prompt });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe(FIXTURE.sampled);
  });

  it('cancellation: unsubscribing from a slow call reaches its handler, and the session keeps working', async () => {
    const before = await cancellations();
    // firstValueFrom unsubscribes once the "started" progress arrives: that is the cancellation.
    const started = await firstValueFrom(
      client()
        .callTool({ name: 'slow', arguments: {} }, { observe: 'events' })
        .pipe(filter((event) => event.type !== 'log')),
    );
    expect(started).toMatchObject({ type: 'progress', progress: 0 });
    await expect(eventually(cancellations, (count) => count > before)).resolves.toBe(before + 1);
    await expect(call('echo', { text: 'still here' })).resolves.toMatchObject({
      content: [{ type: 'text', text: 'still here' }],
    });
    await expect(firstValueFrom(client().ping())).resolves.toBeUndefined();
    expect(client().state.status).toBe('ready');
  });

  it('resources: lists, reads a resource and reads through a template', async () => {
    const resources = await firstValueFrom(client().listResources());
    expect(resources).toEqual([
      expect.objectContaining({ uri: FIXTURE.hello.uri, name: 'hello', mimeType: 'text/plain' }),
    ]);
    const templates = await firstValueFrom(client().listResourceTemplates());
    expect(templates).toEqual([expect.objectContaining({ uriTemplate: FIXTURE.template, name: 'item' })]);
    await expect(firstValueFrom(client().readResource(FIXTURE.hello.uri))).resolves.toMatchObject({
      contents: [FIXTURE.hello],
    });
    await expect(firstValueFrom(client().readResource(FIXTURE.item.uri))).resolves.toMatchObject({
      contents: [FIXTURE.item],
    });
  });

  it('prompts: lists and gets greet', async () => {
    const prompts = await firstValueFrom(client().listPrompts());
    expect(prompts).toEqual([expect.objectContaining(FIXTURE.greet)]);
    const prompt = await firstValueFrom(client().getPrompt('greet', { name: 'Ada' }));
    expect(prompt.messages).toEqual(FIXTURE.greeting);
  });
}
