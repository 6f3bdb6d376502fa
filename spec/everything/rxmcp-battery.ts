/**
 * The battery of `battery.ts` (every fixture of `demo/everything-server.ts`), driven by rxmcp's
 * own `McpClient` rather than the official SDK client, so the same checks run over every rxmcp
 * client transport. The client's messages are recorded on the way in and out, which lets the
 * battery check the wire as well as the results (one `resources/subscribe` for two observers,
 * `notifications/cancelled` for a call that timed out or was unsubscribed, no late response).
 *
 * @example
 * describe('everything server in memory, rxmcp client', () => {
 *   rxmcpBattery(() => {
 *     const [clientSide, serverSide] = createMemoryTransportPair();
 *     server.connect(serverSide);
 *     return clientSide;
 *   });
 * });
 */
import { filter, firstValueFrom, lastValueFrom, NEVER, Observable, type Subscription, tap, toArray } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import type { CallToolEvent, LogEvent } from '../../lib/client/index.js';
import { ErrorCode, isMcpError, McpError } from '../../lib/protocol/errors.js';
import type {
  CallToolResult,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  ElicitResult,
  ReadResourceResult,
} from '../../lib/protocol/index.js';
import type { JSONRPCMessage, RequestId } from '../../lib/protocol/jsonrpc.js';
import type { HandlerContext, ProgressEvent } from '../../lib/session/session-api.js';
import { isMessage, type Transport } from '../../lib/transport/transport.js';
import { messageOf } from '../../lib/transport/related-request.js';
import {
  EMBEDDED_RESOURCE_PROMPT_MESSAGES,
  EVERYTHING_TOOLS,
  IMAGE_PROMPT_MESSAGES,
  JSON_SCHEMA_2020_12_INPUT,
  PNG,
  PROMPT_NAMES,
  SEP1034_REQUESTED_SCHEMA,
  SEP1330_ANSWER,
  SEP1330_ANSWER_TEXT,
  SEP1330_TITLED_MULTI_OPTIONS,
  SEP1330_TITLED_SINGLE_OPTIONS,
  SIMPLE_TEXT,
  EVERYTHING_RESOURCE_URIS,
} from './expected.js';
import { until } from '../support/until.js';

/** Options of {@link rxmcpBattery}. */
export interface RxmcpBatteryOptions {
  /**
   * How many calls the concurrency check sends at once.
   *
   * @defaultValue 50
   */
  concurrentCalls?: number;
  /**
   * Bumps `test://watched-resource` on the server (in process only: `touchWatchedResource` of the
   * demo). When given, the `resource$` check also sees the update re-read for every observer.
   *
   * @defaultValue none
   */
  touchWatchedResource?: () => void;
  /**
   * How many times the transport resumed a dropped stream with `Last-Event-ID` so far. Given for
   * transports with SSE polling (Streamable HTTP): `test_reconnection` must then be resumed.
   *
   * @defaultValue none (the transport cannot close a request's stream; the tool just answers)
   */
  resumptions?: () => number;
  /** Awaited after the connection is released in `afterAll` (a child's exit, a server's sessions). */
  afterRelease?: () => Promise<void>;
}

/** What went over the wire, seen from the client. */
interface Wire {
  sent: JSONRPCMessage[];
  received: JSONRPCMessage[];
}

type Content = Array<Record<string, unknown>>;
const textOf = (result: CallToolResult) => (result.content[0] as { text: string }).text;
const schemaOf = (params: ElicitRequestParams | undefined) =>
  (params as { requestedSchema: { properties: Record<string, Record<string, unknown>> } }).requestedSchema;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** The error an Observable fails with (fails the test if it emits or completes instead). */
async function errorOf(source: Observable<unknown>): Promise<McpError> {
  try {
    await lastValueFrom(source);
  } catch (error) {
    expect(isMcpError(error)).toBe(true);
    return error as McpError;
  }
  throw new Error('Expected the Observable to error');
}

const isRequest = (
  message: JSONRPCMessage,
  method: string,
): message is JSONRPCMessage & { id: RequestId; method: string; params?: Record<string, unknown> } =>
  'method' in message && 'id' in message && message.method === method;
const isResponseTo = (message: JSONRPCMessage, id: RequestId) =>
  !('method' in message) && 'id' in message && message.id === id;
const isCancellationOf = (message: JSONRPCMessage, id: RequestId) =>
  'method' in message &&
  !('id' in message) &&
  message.method === 'notifications/cancelled' &&
  message.params?.['requestId'] === id;

/** `transport`, with every message recorded in `wire` (its `info` passed through untouched). */
function recorded(transport: Transport, wire: Wire): Transport {
  return {
    inbound$: transport.inbound$.pipe(tap((message) => !isMessage(message) || wire.received.push(message))),
    outbound: {
      next: (message) => {
        wire.sent.push(messageOf(message));
        transport.outbound.next(message);
      },
      error: (error: unknown) => transport.outbound.error(error),
      complete: () => transport.outbound.complete(),
    },
    get info() {
      return transport.info;
    },
  };
}

/**
 * Defines (inside the caller's `describe`) one test per fixture of the everything server, all run
 * by one `McpClient` over transports made by `createTransport`. The client's connection is held
 * with `client.connect()` from `beforeAll` to `afterAll`; the tests share it, and the last one
 * checks that it was never re-opened (one transport for the whole battery).
 */
export function rxmcpBattery(createTransport: () => Transport, options: RxmcpBatteryOptions = {}): void {
  const concurrentCalls = options.concurrentCalls ?? 50;
  const wire: Wire = { sent: [], received: [] };
  let transports = 0;
  let client: McpClient;
  let connection: Subscription | undefined;
  const samplingRequests: CreateMessageRequestParams[] = [];
  const elicitations: ElicitRequestParams[] = [];
  let answerSampling: (
    params: CreateMessageRequestParams,
    context: HandlerContext,
  ) => Promise<CreateMessageResult> | Observable<CreateMessageResult>;
  let answerElicitation: (params: ElicitRequestParams) => ElicitResult;
  const defaultSampling = async (params: CreateMessageRequestParams): Promise<CreateMessageResult> => {
    const first = params.messages[0]?.content;
    const prompt = first && !Array.isArray(first) && first.type === 'text' ? first.text : '?';
    return { model: 'battery-model', role: 'assistant', content: { type: 'text', text: `sampled(${prompt})` } };
  };
  const call = (name: string, args: Record<string, unknown> = {}) =>
    firstValueFrom(client.callTool({ name, arguments: args }));
  const events = (name: string, args: Record<string, unknown> = {}) =>
    lastValueFrom(client.callTool({ name, arguments: args }, { observe: 'events' }).pipe(toArray()));
  const resultOf = (list: CallToolEvent[]) => {
    const last = list.at(-1);
    expect(last?.type).toBe('result');
    return (last as { result: CallToolResult }).result;
  };
  /** The id of the only `tools/call` of `name` sent since `mark`. */
  const callIdSince = (mark: number, name: string): RequestId => {
    const calls = wire.sent
      .slice(mark)
      .filter((message) => isRequest(message, 'tools/call') && message.params?.['name'] === name);
    expect(calls).toHaveLength(1);
    return (calls[0] as { id: RequestId }).id;
  };
  const sentSince = (mark: number, method: string) =>
    wire.sent.slice(mark).filter((message) => 'method' in message && message.method === method);

  beforeAll(async () => {
    client = new McpClient(
      () => {
        transports++;
        return recorded(createTransport(), wire);
      },
      {
        clientInfo: { name: 'rxmcp-everything-battery', version: '1.0.0' },
        handlers: {
          sampling: (params, context) => {
            samplingRequests.push(params);
            return answerSampling(params, context);
          },
          elicitation: (params) => {
            elicitations.push(params);
            return answerElicitation(params);
          },
        },
      },
    );
    connection = client.connect();
    const server = await firstValueFrom(client.connection$);
    expect(server.serverInfo.name).toBe('rxmcp-everything-server');
  });
  afterAll(async () => {
    connection?.unsubscribe();
    if (client) await firstValueFrom(client.state$.pipe(filter((state) => state.status === 'closed')));
    await options.afterRelease?.();
  });
  beforeEach(() => {
    answerSampling = defaultSampling;
    answerElicitation = () => ({ action: 'decline' });
  });

  describe('tools', () => {
    it('lists every tool, each with a description', async () => {
      const tools = await firstValueFrom(client.listTools());
      expect(tools.map((tool) => tool.name).sort()).toEqual([...EVERYTHING_TOOLS].sort());
      for (const tool of tools) {
        expect(tool.description?.length).toBeGreaterThan(0);
        expect(tool.inputSchema.type).toBe('object');
      }
    });

    it('test_simple_text returns one text block', async () => {
      await expect(call('test_simple_text')).resolves.toEqual({ content: [{ type: 'text', text: SIMPLE_TEXT }] });
    });

    it('test_image_content returns a PNG image', async () => {
      const [image] = (await call('test_image_content')).content as Content;
      expect(image).toEqual({ type: 'image', mimeType: 'image/png', data: PNG });
      expect(
        Buffer.from(image!['data'] as string, 'base64')
          .subarray(1, 4)
          .toString('latin1'),
      ).toBe('PNG');
    });

    it('test_audio_content returns a WAV clip', async () => {
      const [audio] = (await call('test_audio_content')).content as Content;
      expect(audio).toMatchObject({ type: 'audio', mimeType: 'audio/wav' });
      const bytes = Buffer.from(audio!['data'] as string, 'base64');
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
    });

    it('test_embedded_resource returns a resource block', async () => {
      expect((await call('test_embedded_resource')).content).toEqual([
        {
          type: 'resource',
          resource: {
            uri: 'test://embedded-resource',
            mimeType: 'text/plain',
            text: 'This is an embedded resource content.',
          },
        },
      ]);
    });

    it('test_multiple_content_types returns text, image and resource in order', async () => {
      const content = (await call('test_multiple_content_types')).content as Content;
      expect(content.map((block) => block['type'])).toEqual(['text', 'image', 'resource']);
      expect(content[0]).toEqual({ type: 'text', text: 'Multiple content types test:' });
      expect(content[1]).toEqual({ type: 'image', mimeType: 'image/png', data: PNG });
      const resource = content[2]!['resource'] as { uri: string; mimeType: string; text: string };
      expect(resource).toMatchObject({ uri: 'test://mixed-content-resource', mimeType: 'application/json' });
      expect(JSON.parse(resource.text)).toEqual({ test: 'data', value: 123 });
    });

    it("test_tool_with_progress: observe 'events' gives at least 3 non-decreasing progress events, then the result", async () => {
      const list = await events('test_tool_with_progress');
      expect(textOf(resultOf(list))).toBe('Tool with progress executed successfully');
      const progress = list.filter((event): event is ProgressEvent => event.type === 'progress');
      expect(progress.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < progress.length; i++)
        expect(progress[i]!.progress).toBeGreaterThanOrEqual(progress[i - 1]!.progress);
      expect(progress.map(({ progress, total, message }) => ({ progress, total, message }))).toEqual([
        { progress: 0, total: 100, message: 'Starting' },
        { progress: 50, total: 100, message: 'Halfway' },
        { progress: 100, total: 100, message: 'Done' },
      ]);
      expect(list.filter((event) => event.type === 'result')).toHaveLength(1);
    });

    it('without observe, the same call emits only its result (no progress token is sent)', async () => {
      const mark = wire.sent.length;
      const emitted = await lastValueFrom(
        client.callTool({ name: 'test_tool_with_progress', arguments: {} }).pipe(toArray()),
      );
      expect(emitted).toEqual([{ content: [{ type: 'text', text: 'Tool with progress executed successfully' }] }]);
      const id = callIdSince(mark, 'test_tool_with_progress');
      const sent = wire.sent.find((message) => 'id' in message && message.id === id) as {
        params: Record<string, unknown>;
      };
      expect((sent.params['_meta'] as Record<string, unknown> | undefined)?.['progressToken']).toBeUndefined();
    });

    it("test_tool_with_logging at level debug: observe 'events' gives at least 3 log events before the result", async () => {
      await expect(firstValueFrom(client.setLoggingLevel('debug'))).resolves.toBeUndefined();
      const list = await events('test_tool_with_logging');
      expect(textOf(resultOf(list))).toBe('Tool with logging executed successfully');
      const logs = list.filter((event): event is LogEvent => event.type === 'log');
      expect(logs.length).toBeGreaterThanOrEqual(3);
      expect(logs).toEqual([
        { type: 'log', level: 'info', data: 'Tool execution started' },
        { type: 'log', level: 'info', data: 'Tool processing data' },
        { type: 'log', level: 'info', data: 'Tool execution completed' },
      ]);
    });

    it('logs$ sees the same messages', async () => {
      const seen: LogEvent[] = [];
      const watching = client.logs$.subscribe((log) => seen.push(log));
      try {
        await call('test_tool_with_logging');
        await until(() => seen.length >= 3, 'three log messages on logs$');
        expect(seen.map((log) => log.data)).toEqual([
          'Tool execution started',
          'Tool processing data',
          'Tool execution completed',
        ]);
      } finally {
        watching.unsubscribe();
      }
    });

    it('logging/setLevel filters: nothing below error is sent at level error', async () => {
      await firstValueFrom(client.setLoggingLevel('error'));
      const mark = wire.received.length;
      const list = await events('test_tool_with_logging');
      await firstValueFrom(client.ping()); // anything still in flight would have arrived by now
      expect(list.map((event) => event.type)).toEqual(['result']);
      expect(
        wire.received
          .slice(mark)
          .filter((message) => 'method' in message && message.method === 'notifications/message'),
      ).toEqual([]);
      await firstValueFrom(client.setLoggingLevel('debug'));
    });

    it('test_error_handling gives an isError result, not an error', async () => {
      const result = await call('test_error_handling');
      expect(result).toEqual({
        content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }],
        isError: true,
      });
      const list = await events('test_error_handling');
      expect(list).toEqual([{ type: 'result', result }]);
    });

    it('an unknown tool is a protocol error (-32602), bad arguments an isError result', async () => {
      const error = await errorOf(client.callTool({ name: 'no_such_tool', arguments: {} }));
      expect(error).toMatchObject({ kind: 'protocol', code: ErrorCode.InvalidParams });
      const bad = await call('json_schema_2020_12_tool', { name: 'x', unexpected: true });
      expect(bad.isError).toBe(true);
    });

    it('test_sampling round-trips a sampling request through the client handler', async () => {
      const before = samplingRequests.length;
      const result = await call('test_sampling', { prompt: 'What is 2+2?' });
      expect(result).toEqual({ content: [{ type: 'text', text: 'LLM response: sampled(What is 2+2?)' }] });
      expect(samplingRequests.slice(before)).toEqual([
        expect.objectContaining({
          messages: [{ role: 'user', content: { type: 'text', text: 'What is 2+2?' } }],
          maxTokens: 100,
        }),
      ]);
    });

    it('test_sampling reports a client handler that fails', async () => {
      answerSampling = async () => {
        throw McpError.protocol(ErrorCode.InternalError, 'no model today');
      };
      const result = await call('test_sampling', { prompt: 'hi' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/no model today/);
    });

    it('test_elicitation returns the accepted content', async () => {
      answerElicitation = () => ({ action: 'accept', content: { username: 'alice', email: 'alice@example.com' } });
      const before = elicitations.length;
      const result = await call('test_elicitation', { message: 'Who are you?' });
      expect(textOf(result)).toBe(
        'User response: action=accept, content={"username":"alice","email":"alice@example.com"}',
      );
      expect(elicitations.slice(before)).toEqual([
        expect.objectContaining({
          message: 'Who are you?',
          requestedSchema: {
            type: 'object',
            properties: {
              username: { type: 'string', description: "User's response" },
              email: { type: 'string', description: "User's email address" },
            },
            required: ['username', 'email'],
          },
        }),
      ]);
    });

    it('test_elicitation reports a declined elicitation', async () => {
      expect(textOf(await call('test_elicitation', { message: 'Who are you?' }))).toBe(
        'User response: action=decline, content={}',
      );
    });

    it('test_elicitation_sep1034_defaults: the client fills in the defaults the answer leaves out', async () => {
      answerElicitation = () => ({ action: 'accept', content: { name: 'Jane', verified: false } });
      const before = elicitations.length;
      const result = await call('test_elicitation_sep1034_defaults');
      expect(textOf(result)).toBe(
        'Elicitation completed: action=accept, content={"name":"Jane","verified":false,"age":30,"score":95.5,"status":"active"}',
      );
      expect(schemaOf(elicitations.slice(before)[0])).toEqual(SEP1034_REQUESTED_SCHEMA);
      answerElicitation = () => ({ action: 'accept', content: {} });
      expect(textOf(await call('test_elicitation_sep1034_defaults'))).toBe(
        'Elicitation completed: action=accept, content={"name":"John Doe","age":30,"score":95.5,"status":"active","verified":true}',
      );
      answerElicitation = () => ({ action: 'decline' });
      expect(textOf(await call('test_elicitation_sep1034_defaults'))).toBe(
        'Elicitation completed: action=decline, content={}',
      );
    });

    it('test_elicitation_sep1330_enums: the handler receives every kind of enum field', async () => {
      answerElicitation = () => ({ action: 'accept', content: SEP1330_ANSWER });
      const before = elicitations.length;
      const result = await call('test_elicitation_sep1330_enums');
      expect(textOf(result)).toBe(SEP1330_ANSWER_TEXT);
      const { properties } = schemaOf(elicitations.slice(before)[0]);
      expect(Object.keys(properties)).toEqual([
        'untitledSingle',
        'titledSingle',
        'legacyEnum',
        'untitledMulti',
        'titledMulti',
      ]);
      expect(properties['untitledSingle']).toEqual({
        type: 'string',
        description: 'Untitled single select',
        enum: ['option1', 'option2', 'option3'],
      });
      expect(properties['titledSingle']).toEqual({
        type: 'string',
        description: 'Titled single select',
        oneOf: SEP1330_TITLED_SINGLE_OPTIONS,
      });
      expect(properties['legacyEnum']).toEqual({
        type: 'string',
        description: 'Legacy titled enum',
        enum: ['opt1', 'opt2', 'opt3'],
        enumNames: ['Option One', 'Option Two', 'Option Three'],
      });
      expect(properties['untitledMulti']).toEqual({
        type: 'array',
        description: 'Untitled multi select',
        minItems: 1,
        maxItems: 3,
        items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
      });
      expect(properties['titledMulti']).toEqual({
        type: 'array',
        description: 'Titled multi select',
        minItems: 1,
        maxItems: 3,
        items: { anyOf: SEP1330_TITLED_MULTI_OPTIONS },
      });
    });

    it('json_schema_2020_12_tool keeps its input schema verbatim and accepts valid input', async () => {
      const tools = await firstValueFrom(client.listTools());
      const tool = tools.find((candidate) => candidate.name === 'json_schema_2020_12_tool')!;
      expect(tool.inputSchema).toEqual(JSON_SCHEMA_2020_12_INPUT);
      const args = { name: 'Ada', address: { street: '1 Loop', city: 'Zürich' } };
      const result = await call('json_schema_2020_12_tool', args);
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toBe(`Received: ${JSON.stringify(args)}`);
    });

    const reconnection = options.resumptions
      ? 'test_reconnection: the server closes the stream (SSE polling) and the client resumes it for the result'
      : 'test_reconnection answers (no stream to close on this transport)';
    it(reconnection, async () => {
      const resumedBefore = options.resumptions?.();
      const started = Date.now();
      const result = await call('test_reconnection');
      expect(result).toEqual({ content: [{ type: 'text', text: 'Reconnection test completed successfully' }] });
      if (options.resumptions) {
        expect(options.resumptions()).toBeGreaterThan(resumedBefore!);
        // The client waits for the server's `retry` (1 s in `rxmcp run`) before it resumes.
        expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      } else {
        expect(Date.now() - started).toBeLessThan(900);
      }
    });
  });

  describe('resources', () => {
    it('lists the static and watched resources', async () => {
      const resources = await firstValueFrom(client.listResources());
      expect(resources.map((resource) => resource.uri).sort()).toEqual(EVERYTHING_RESOURCE_URIS);
      expect(resources.find((resource) => resource.uri === 'test://static-binary')).toMatchObject({
        mimeType: 'image/png',
      });
    });

    it('reads a text resource', async () => {
      await expect(firstValueFrom(client.readResource('test://static-text'))).resolves.toEqual({
        contents: [
          {
            uri: 'test://static-text',
            mimeType: 'text/plain',
            text: 'This is the content of the static text resource.',
          },
        ],
      });
    });

    it('reads a binary resource', async () => {
      await expect(firstValueFrom(client.readResource('test://static-binary'))).resolves.toEqual({
        contents: [{ uri: 'test://static-binary', mimeType: 'image/png', blob: PNG }],
      });
    });

    it('lists the resource template and reads through it', async () => {
      const templates = await firstValueFrom(client.listResourceTemplates());
      expect(templates).toEqual([
        expect.objectContaining({ uriTemplate: 'test://template/{id}/data', mimeType: 'application/json' }),
      ]);
      const { contents } = await firstValueFrom(client.readResource('test://template/123/data'));
      expect(contents).toHaveLength(1);
      expect(contents[0]).toMatchObject({ uri: 'test://template/123/data', mimeType: 'application/json' });
      expect(JSON.parse((contents[0] as { text: string }).text)).toEqual({
        id: '123',
        templateTest: true,
        data: 'Data for ID: 123',
      });
    });

    it('an unknown resource is a protocol error', async () => {
      const error = await errorOf(client.readResource('test://nowhere'));
      expect(error.kind).toBe('protocol');
      expect([ErrorCode.ResourceNotFound, ErrorCode.InvalidParams]).toContain(error.code);
    });

    it("resource$('test://watched-resource'): observers share one server subscription, released after the last", async () => {
      const uri = 'test://watched-resource';
      const mark = wire.sent.length;
      const first: string[] = [];
      const second: string[] = [];
      const textOfRead = (result: ReadResourceResult) => (result.contents[0] as { text: string }).text;
      const one = client.resource$(uri).subscribe((result) => first.push(textOfRead(result)));
      await until(() => first.length === 1, 'the first read');
      expect(first[0]).toMatch(/^Watched resource, version \d+$/);
      const two = client.resource$(uri).subscribe((result) => second.push(textOfRead(result)));
      expect(second).toEqual(first); // the latest contents, replayed
      expect(sentSince(mark, 'resources/subscribe')).toEqual([expect.objectContaining({ params: { uri } })]);
      expect(sentSince(mark, 'resources/read')).toHaveLength(1);
      const subscribeId = (sentSince(mark, 'resources/subscribe')[0] as { id: RequestId }).id;
      expect(wire.received.find((message) => isResponseTo(message, subscribeId))).toMatchObject({ result: {} });

      if (options.touchWatchedResource) {
        const version = Number(/\d+$/.exec(first[0]!)![0]);
        options.touchWatchedResource();
        await until(() => first.length === 2 && second.length === 2, 'both observers to see the update');
        expect(first[1]).toBe(`Watched resource, version ${version + 1}`);
        expect(second).toEqual(first);
        expect(sentSince(mark, 'resources/read')).toHaveLength(2); // one read for both observers
      }

      one.unsubscribe();
      await firstValueFrom(client.ping());
      expect(sentSince(mark, 'resources/unsubscribe')).toEqual([]);
      two.unsubscribe();
      await until(() => sentSince(mark, 'resources/unsubscribe').length > 0, 'resources/unsubscribe');
      expect(sentSince(mark, 'resources/unsubscribe')).toEqual([expect.objectContaining({ params: { uri } })]);
      const unsubscribeId = (sentSince(mark, 'resources/unsubscribe')[0] as { id: RequestId }).id;
      await until(
        () => wire.received.some((message) => isResponseTo(message, unsubscribeId)),
        'the answer to resources/unsubscribe',
      );
      expect(wire.received.find((message) => isResponseTo(message, unsubscribeId))).toMatchObject({ result: {} });
      expect(sentSince(mark, 'resources/subscribe')).toHaveLength(1);
      // The connection was held by connect(), not by the watch: it is still the same one.
      expect(client.state.status).toBe('ready');
      expect(transports).toBe(1);
    });
  });

  describe('prompts and completion', () => {
    it('lists the prompts with their arguments', async () => {
      const prompts = await firstValueFrom(client.listPrompts());
      expect(prompts.map((prompt) => prompt.name).sort()).toEqual(PROMPT_NAMES);
      expect(prompts.find((prompt) => prompt.name === 'test_prompt_with_arguments')!.arguments).toEqual([
        expect.objectContaining({ name: 'arg1', required: true }),
        expect.objectContaining({ name: 'arg2', required: true }),
      ]);
    });

    it('gets test_simple_prompt', async () => {
      const { messages } = await firstValueFrom(client.getPrompt('test_simple_prompt'));
      expect(messages).toEqual([
        { role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } },
      ]);
    });

    it('gets test_prompt_with_arguments', async () => {
      const { messages } = await firstValueFrom(
        client.getPrompt('test_prompt_with_arguments', { arg1: 'hello', arg2: 'world' }),
      );
      expect(messages).toEqual([
        { role: 'user', content: { type: 'text', text: "Prompt with arguments: arg1='hello', arg2='world'" } },
      ]);
    });

    it('refuses test_prompt_with_arguments without its required arguments (-32602)', async () => {
      const error = await errorOf(client.getPrompt('test_prompt_with_arguments', { arg1: 'only' }));
      expect(error).toMatchObject({ kind: 'protocol', code: ErrorCode.InvalidParams });
    });

    it('gets test_prompt_with_embedded_resource', async () => {
      const { messages } = await firstValueFrom(
        client.getPrompt('test_prompt_with_embedded_resource', { resourceUri: 'test://example-resource' }),
      );
      expect(messages).toEqual(EMBEDDED_RESOURCE_PROMPT_MESSAGES);
    });

    it('gets test_prompt_with_image', async () => {
      const { messages } = await firstValueFrom(client.getPrompt('test_prompt_with_image'));
      expect(messages).toEqual(IMAGE_PROMPT_MESSAGES);
    });

    it('completes arg1 of test_prompt_with_arguments', async () => {
      const ref = { type: 'ref/prompt' as const, name: 'test_prompt_with_arguments' };
      const { completion } = await firstValueFrom(client.complete(ref, { name: 'arg1', value: 'te' }));
      expect(completion.values).toEqual(['test', 'testValue1']);
      const all = await firstValueFrom(client.complete(ref, { name: 'arg1', value: '' }));
      expect(all.completion.values).toEqual(['test', 'testValue1', 'other']);
      const second = await firstValueFrom(
        client.complete(ref, { name: 'arg2', value: 'm' }, { arguments: { arg1: 'test' } }),
      );
      expect(second.completion.values).toEqual(['more']);
    });

    it('completes the id of the resource template', async () => {
      const { completion } = await firstValueFrom(
        client.complete({ type: 'ref/resource', uri: 'test://template/{id}/data' }, { name: 'id', value: '4' }),
      );
      expect(completion.values).toEqual(['42']);
    });
  });

  describe('the session', () => {
    it('answers ping', async () => {
      const mark = wire.sent.length;
      await expect(lastValueFrom(client.ping().pipe(toArray()))).resolves.toEqual([undefined]);
      expect(sentSince(mark, 'ping')).toHaveLength(1);
    });

    it(`answers ${concurrentCalls} concurrent calls, each with its own result`, async () => {
      const results = await Promise.all(
        Array.from({ length: concurrentCalls }, (_, i) =>
          i % 5 === 4 ? call('test_simple_text') : call('json_schema_2020_12_tool', { name: `caller-${i}` }),
        ),
      );
      expect(results.map(textOf)).toEqual(
        Array.from({ length: concurrentCalls }, (_, i) =>
          i % 5 === 4 ? SIMPLE_TEXT : `Received: {"name":"caller-${i}"}`,
        ),
      );
      const ids = wire.sent.slice(-concurrentCalls).map((message) => (message as { id?: RequestId }).id);
      expect(new Set(ids).size).toBe(concurrentCalls);
    });

    it("a call past its timeout fails with kind 'timeout', is cancelled, never answered, and the connection carries on", async () => {
      const mark = wire.sent.length;
      const receivedMark = wire.received.length;
      const started = Date.now();
      const error = await errorOf(client.callTool({ name: 'test_tool_with_progress', arguments: {} }, { timeout: 30 }));
      expect(error.kind).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(1000);
      const id = callIdSince(mark, 'test_tool_with_progress');
      expect(wire.sent.slice(mark).filter((message) => isCancellationOf(message, id))).toHaveLength(1);
      await firstValueFrom(client.ping());
      expect(textOf(await call('test_simple_text'))).toBe(SIMPLE_TEXT);
      // The tool would have answered at ~120 ms: a cancelled call must get no response.
      await sleep(200);
      expect(wire.received.slice(receivedMark).filter((message) => isResponseTo(message, id))).toEqual([]);
    });

    it('an unsubscribed call is cancelled once, never answered, and the connection carries on', async () => {
      const mark = wire.sent.length;
      const receivedMark = wire.received.length;
      const seen: CallToolEvent[] = [];
      const running = client
        .callTool({ name: 'test_tool_with_progress', arguments: {} }, { observe: 'events' })
        .subscribe({
          next: (event) => seen.push(event),
          error: (error: unknown) => seen.push({ type: 'error', error } as never),
        });
      await until(() => seen.length > 0, 'the first progress event');
      running.unsubscribe();
      const id = callIdSince(mark, 'test_tool_with_progress');
      expect(wire.sent.slice(mark).filter((message) => isCancellationOf(message, id))).toHaveLength(1);
      expect(seen).toEqual([expect.objectContaining({ type: 'progress', progress: 0 })]);
      await sleep(200);
      expect(seen).toHaveLength(1);
      expect(wire.received.slice(receivedMark).filter((message) => isResponseTo(message, id))).toEqual([]);
      await firstValueFrom(client.ping());
      expect(textOf(await call('test_simple_text'))).toBe(SIMPLE_TEXT);
    });

    it('cancelling a call cancels the sampling request it is waiting on', async () => {
      let asked = false;
      let cancelled = false;
      answerSampling = () =>
        new Observable<CreateMessageResult>(() => {
          asked = true;
          const waiting = NEVER.subscribe();
          return () => {
            waiting.unsubscribe();
            cancelled = true;
          };
        });
      const error = await errorOf(
        client.callTool({ name: 'test_sampling', arguments: { prompt: 'never answered' } }, { timeout: 300 }),
      );
      expect(error.kind).toBe('timeout');
      expect(asked).toBe(true);
      await until(() => cancelled, 'the server to cancel its sampling request');
      answerSampling = defaultSampling;
      expect(textOf(await call('test_sampling', { prompt: 'again' }))).toBe('LLM response: sampled(again)');
    });

    it('kept one connection, on one transport, throughout', async () => {
      expect(client.state.status).toBe('ready');
      expect(transports).toBe(1);
      await firstValueFrom(client.ping());
    });
  });
}
