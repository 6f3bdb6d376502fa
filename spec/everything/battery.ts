/**
 * A reusable battery of checks of every fixture of `demo/everything-server.ts`, driven by the
 * official SDK client, so the same checks run over every transport that can serve it.
 *
 * @example
 * describe('everything server over stdio', () => {
 *   everythingBattery(async () => {
 *     const client = createBatteryClient();
 *     await client.connect(new StdioClientTransport({ command: process.execPath, args: [binPath, 'run', everythingServer] }));
 *     return client;
 *   });
 * });
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ErrorCode,
  LoggingMessageNotificationSchema,
  McpError,
  type CreateMessageRequest,
  type CreateMessageResult,
  type ElicitRequest,
  type ElicitResult,
  type LoggingMessageNotification,
} from '@modelcontextprotocol/sdk/types.js';
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

/**
 * The official SDK client the battery expects `connect` to return (connected): it announces
 * sampling and (form) elicitation, which the battery answers with its own handlers.
 */
export function createBatteryClient(): Client {
  return new Client(
    { name: 'everything-battery', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: { form: {} } } },
  );
}

/** Options of {@link everythingBattery}. */
export interface BatteryOptions {
  /**
   * How many calls the concurrency check sends at once.
   *
   * @defaultValue 50
   */
  concurrentCalls?: number;
}

type Content = Array<Record<string, unknown>>;
const textOf = (result: unknown) => ((result as { content: Content }).content[0] as { text: string }).text;
/** The schema of a form-mode elicitation. */
const schemaOf = (params: ElicitRequest['params'] | undefined) =>
  (params as { requestedSchema: { properties: Record<string, Record<string, unknown>> } }).requestedSchema;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Defines (inside the caller's `describe`) one test per fixture of the everything server. One
 * client is connected in `beforeAll` (with `connect`, which must return a client made by
 * {@link createBatteryClient} or announcing the same capabilities) and closed in `afterAll`; the
 * tests share it, so the last ones also show that the session survived the earlier ones.
 */
export function everythingBattery(connect: () => Promise<Client>, options: BatteryOptions = {}): void {
  const concurrentCalls = options.concurrentCalls ?? 50;
  let client: Client;
  const logs: LoggingMessageNotification['params'][] = [];
  /** Errors the SDK reports outside any request (stray responses, unknown progress tokens, …). */
  const strayErrors: Error[] = [];
  const samplingRequests: CreateMessageRequest['params'][] = [];
  const elicitations: ElicitRequest['params'][] = [];
  let answerSampling: (params: CreateMessageRequest['params'], signal: AbortSignal) => Promise<CreateMessageResult>;
  let answerElicitation: (params: ElicitRequest['params']) => ElicitResult;
  const defaultSampling = async (params: CreateMessageRequest['params']): Promise<CreateMessageResult> => {
    const first = params.messages[0]?.content;
    const prompt = first && !Array.isArray(first) && first.type === 'text' ? first.text : '?';
    return { model: 'battery-model', role: 'assistant', content: { type: 'text', text: `sampled(${prompt})` } };
  };

  beforeAll(async () => {
    client = await connect();
    const previous = client.onerror;
    client.onerror = (error) => {
      strayErrors.push(error);
      previous?.(error);
    };
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logs.push(notification.params);
    });
    client.setRequestHandler(CreateMessageRequestSchema, (request, extra) => {
      samplingRequests.push(request.params);
      return answerSampling(request.params, extra.signal);
    });
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      elicitations.push(request.params);
      return answerElicitation(request.params);
    });
  });
  afterAll(async () => {
    await client?.close();
  });
  beforeEach(() => {
    answerSampling = defaultSampling;
    answerElicitation = () => ({ action: 'decline' });
  });

  describe('tools', () => {
    it('lists every tool, each with a description', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([...EVERYTHING_TOOLS].sort());
      for (const tool of tools) {
        expect(typeof tool.description).toBe('string');
        expect(tool.description!.length).toBeGreaterThan(0);
        expect(tool.inputSchema.type).toBe('object');
      }
    });

    it('test_simple_text returns one text block', async () => {
      const result = await client.callTool({ name: 'test_simple_text', arguments: {} });
      expect(result).toEqual({ content: [{ type: 'text', text: SIMPLE_TEXT }] });
    });

    it('test_image_content returns a PNG image', async () => {
      const result = await client.callTool({ name: 'test_image_content', arguments: {} });
      const [image] = result.content as Content;
      expect(image).toEqual({ type: 'image', mimeType: 'image/png', data: PNG });
      expect(
        Buffer.from(image!['data'] as string, 'base64')
          .subarray(1, 4)
          .toString('latin1'),
      ).toBe('PNG');
    });

    it('test_audio_content returns a WAV clip', async () => {
      const result = await client.callTool({ name: 'test_audio_content', arguments: {} });
      const [audio] = result.content as Content;
      expect(audio).toMatchObject({ type: 'audio', mimeType: 'audio/wav' });
      const bytes = Buffer.from(audio!['data'] as string, 'base64');
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
    });

    it('test_embedded_resource returns a resource block', async () => {
      const result = await client.callTool({ name: 'test_embedded_resource', arguments: {} });
      expect(result.content).toEqual([
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
      const result = await client.callTool({ name: 'test_multiple_content_types', arguments: {} });
      const content = result.content as Content;
      expect(content.map((block) => block['type'])).toEqual(['text', 'image', 'resource']);
      expect(content[0]).toEqual({ type: 'text', text: 'Multiple content types test:' });
      expect(content[1]).toMatchObject({ mimeType: 'image/png', data: PNG });
      const resource = content[2]!['resource'] as { uri: string; mimeType: string; text: string };
      expect(resource).toMatchObject({ uri: 'test://mixed-content-resource', mimeType: 'application/json' });
      expect(JSON.parse(resource.text)).toEqual({ test: 'data', value: 123 });
    });

    it('test_tool_with_progress reports at least 3 non-decreasing progress updates', async () => {
      const updates: Array<{ progress: number; total?: number }> = [];
      const result = await client.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, {
        onprogress: (progress) => updates.push(progress),
      });
      expect(textOf(result)).toBe('Tool with progress executed successfully');
      expect(updates.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < updates.length; i++)
        expect(updates[i]!.progress).toBeGreaterThanOrEqual(updates[i - 1]!.progress);
      expect(updates.at(-1)).toMatchObject({ progress: 100, total: 100 });
    });

    it('test_tool_with_logging sends at least 3 log messages at level debug', async () => {
      await client.setLoggingLevel('debug');
      const before = logs.length;
      const result = await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
      expect(textOf(result)).toBe('Tool with logging executed successfully');
      // The log notifications precede the result on the same ordered stream.
      const received = logs.slice(before);
      expect(received.length).toBeGreaterThanOrEqual(3);
      expect(received.map((log) => log.data)).toEqual([
        'Tool execution started',
        'Tool processing data',
        'Tool execution completed',
      ]);
      expect(received.every((log) => log.level === 'info')).toBe(true);
    });

    it('logging/setLevel filters: nothing below error is sent at level error', async () => {
      await expect(client.setLoggingLevel('error')).resolves.toEqual({});
      const before = logs.length;
      await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
      await client.ping(); // anything still in flight would have arrived by now
      expect(logs.slice(before)).toEqual([]);
      await client.setLoggingLevel('debug');
    });

    it('test_error_handling gives an isError result (not a protocol error)', async () => {
      const result = await client.callTool({ name: 'test_error_handling', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe('This tool intentionally returns an error for testing');
    });

    it('an unknown tool is a protocol error, bad arguments an isError result', async () => {
      await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toMatchObject({
        code: ErrorCode.InvalidParams,
      });
      const bad = await client.callTool({
        name: 'json_schema_2020_12_tool',
        arguments: { name: 'x', unexpected: true },
      });
      expect(bad.isError).toBe(true);
    });

    it('test_sampling round-trips a sampling request through the client', async () => {
      const before = samplingRequests.length;
      const result = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'What is 2+2?' } });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toBe('LLM response: sampled(What is 2+2?)');
      expect(samplingRequests.slice(before)).toEqual([
        expect.objectContaining({
          messages: [{ role: 'user', content: { type: 'text', text: 'What is 2+2?' } }],
          maxTokens: 100,
        }),
      ]);
    });

    it('test_sampling reports a client that fails the sampling request', async () => {
      answerSampling = async () => {
        throw new McpError(ErrorCode.InternalError, 'no model today');
      };
      const result = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'hi' } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/no model today/);
    });

    it('test_elicitation returns the accepted content', async () => {
      answerElicitation = () => ({ action: 'accept', content: { username: 'alice', email: 'alice@example.com' } });
      const before = elicitations.length;
      const result = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Who are you?' } });
      expect(textOf(result)).toBe(
        'User response: action=accept, content={"username":"alice","email":"alice@example.com"}',
      );
      const [request] = elicitations.slice(before);
      expect(request).toMatchObject({
        message: 'Who are you?',
        requestedSchema: {
          type: 'object',
          properties: { username: { type: 'string' }, email: { type: 'string' } },
          required: ['username', 'email'],
        },
      });
    });

    it('test_elicitation reports a declined elicitation', async () => {
      const result = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Who are you?' } });
      expect(textOf(result)).toBe('User response: action=decline, content={}');
    });

    it('test_elicitation_sep1034_defaults asks with a default for every field', async () => {
      answerElicitation = () => ({
        action: 'accept',
        content: { name: 'Jane', age: 31, score: 99.5, status: 'pending', verified: false },
      });
      const before = elicitations.length;
      const result = await client.callTool({ name: 'test_elicitation_sep1034_defaults', arguments: {} });
      expect(textOf(result)).toBe(
        'Elicitation completed: action=accept, content={"name":"Jane","age":31,"score":99.5,"status":"pending","verified":false}',
      );
      const [request] = elicitations.slice(before);
      expect(schemaOf(request)).toEqual(SEP1034_REQUESTED_SCHEMA);
    });

    it('test_elicitation_sep1330_enums asks with every kind of enum field', async () => {
      answerElicitation = () => ({ action: 'accept', content: SEP1330_ANSWER });
      const before = elicitations.length;
      const result = await client.callTool({ name: 'test_elicitation_sep1330_enums', arguments: {} });
      expect(textOf(result)).toBe(SEP1330_ANSWER_TEXT);
      const { properties } = schemaOf(elicitations.slice(before)[0]);
      expect(Object.keys(properties)).toEqual([
        'untitledSingle',
        'titledSingle',
        'legacyEnum',
        'untitledMulti',
        'titledMulti',
      ]);
      expect(properties['untitledSingle']).toMatchObject({ type: 'string', enum: ['option1', 'option2', 'option3'] });
      expect(properties['titledSingle']).toMatchObject({ type: 'string', oneOf: SEP1330_TITLED_SINGLE_OPTIONS });
      expect(properties['legacyEnum']).toMatchObject({
        type: 'string',
        enum: ['opt1', 'opt2', 'opt3'],
        enumNames: ['Option One', 'Option Two', 'Option Three'],
      });
      expect(properties['untitledMulti']).toMatchObject({
        type: 'array',
        minItems: 1,
        maxItems: 3,
        items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
      });
      expect(properties['titledMulti']).toMatchObject({
        type: 'array',
        items: { anyOf: SEP1330_TITLED_MULTI_OPTIONS },
      });
    });

    it('json_schema_2020_12_tool keeps its input schema verbatim and accepts valid input', async () => {
      const { tools } = await client.listTools();
      const tool = tools.find((candidate) => candidate.name === 'json_schema_2020_12_tool')!;
      expect(tool.inputSchema).toEqual(JSON_SCHEMA_2020_12_INPUT);
      const args = { name: 'Ada', address: { street: '1 Loop', city: 'Zürich' } };
      const result = await client.callTool({ name: 'json_schema_2020_12_tool', arguments: args });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toBe(`Received: ${JSON.stringify(args)}`);
    });

    it('test_reconnection answers', async () => {
      const result = await client.callTool({ name: 'test_reconnection', arguments: {} });
      expect(textOf(result)).toBe('Reconnection test completed successfully');
    });
  });

  describe('resources', () => {
    it('lists the static and watched resources', async () => {
      const { resources } = await client.listResources();
      expect(resources.map((resource) => resource.uri).sort()).toEqual(EVERYTHING_RESOURCE_URIS);
      expect(resources.find((resource) => resource.uri === 'test://static-binary')).toMatchObject({
        mimeType: 'image/png',
      });
    });

    it('reads a text resource', async () => {
      await expect(client.readResource({ uri: 'test://static-text' })).resolves.toEqual({
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
      const { contents } = await client.readResource({ uri: 'test://static-binary' });
      expect(contents).toEqual([{ uri: 'test://static-binary', mimeType: 'image/png', blob: PNG }]);
    });

    it('lists the resource template and reads through it', async () => {
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates).toEqual([
        expect.objectContaining({ uriTemplate: 'test://template/{id}/data', mimeType: 'application/json' }),
      ]);
      const { contents } = await client.readResource({ uri: 'test://template/123/data' });
      expect(contents).toHaveLength(1);
      expect(contents[0]).toMatchObject({ uri: 'test://template/123/data', mimeType: 'application/json' });
      const text = (contents[0] as { text: string }).text;
      expect(text).toContain('123');
      expect(JSON.parse(text)).toEqual({ id: '123', templateTest: true, data: 'Data for ID: 123' });
    });

    it('an unknown resource is a protocol error', async () => {
      await expect(client.readResource({ uri: 'test://nowhere' })).rejects.toBeInstanceOf(McpError);
    });

    it('subscribes to and unsubscribes from test://watched-resource', async () => {
      await expect(client.subscribeResource({ uri: 'test://watched-resource' })).resolves.toEqual({});
      const { contents } = await client.readResource({ uri: 'test://watched-resource' });
      expect((contents[0] as { text: string }).text).toMatch(/^Watched resource, version \d+$/);
      await expect(client.unsubscribeResource({ uri: 'test://watched-resource' })).resolves.toEqual({});
    });
  });

  describe('prompts and completion', () => {
    it('lists the prompts with their arguments', async () => {
      const { prompts } = await client.listPrompts();
      expect(prompts.map((prompt) => prompt.name).sort()).toEqual(PROMPT_NAMES);
      const withArguments = prompts.find((prompt) => prompt.name === 'test_prompt_with_arguments')!;
      expect(withArguments.arguments).toEqual([
        expect.objectContaining({ name: 'arg1', required: true }),
        expect.objectContaining({ name: 'arg2', required: true }),
      ]);
    });

    it('gets test_simple_prompt', async () => {
      const { messages } = await client.getPrompt({ name: 'test_simple_prompt' });
      expect(messages).toEqual([
        { role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } },
      ]);
    });

    it('gets test_prompt_with_arguments', async () => {
      const { messages } = await client.getPrompt({
        name: 'test_prompt_with_arguments',
        arguments: { arg1: 'hello', arg2: 'world' },
      });
      expect(messages).toEqual([
        { role: 'user', content: { type: 'text', text: "Prompt with arguments: arg1='hello', arg2='world'" } },
      ]);
    });

    it('refuses test_prompt_with_arguments without its required arguments', async () => {
      await expect(
        client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'only' } }),
      ).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
    });

    it('gets test_prompt_with_embedded_resource', async () => {
      const { messages } = await client.getPrompt({
        name: 'test_prompt_with_embedded_resource',
        arguments: { resourceUri: 'test://example-resource' },
      });
      expect(messages).toEqual(EMBEDDED_RESOURCE_PROMPT_MESSAGES);
    });

    it('gets test_prompt_with_image', async () => {
      const { messages } = await client.getPrompt({ name: 'test_prompt_with_image' });
      expect(messages).toEqual(IMAGE_PROMPT_MESSAGES);
    });

    it('completes arg1 of test_prompt_with_arguments', async () => {
      const { completion } = await client.complete({
        ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
        argument: { name: 'arg1', value: 'te' },
      });
      expect(completion.values).toEqual(['test', 'testValue1']);
      const all = await client.complete({
        ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
        argument: { name: 'arg1', value: '' },
      });
      expect(all.completion.values).toEqual(['test', 'testValue1', 'other']);
    });

    it('completes the id of the resource template', async () => {
      const { completion } = await client.complete({
        ref: { type: 'ref/resource', uri: 'test://template/{id}/data' },
        argument: { name: 'id', value: '4' },
      });
      expect(completion.values).toEqual(['42']);
    });
  });

  describe('the session', () => {
    it('answers ping', async () => {
      await expect(client.ping()).resolves.toEqual({});
    });

    it(`answers ${concurrentCalls} concurrent calls, each with its own result`, async () => {
      const results = await Promise.all(
        Array.from({ length: concurrentCalls }, (_, i) =>
          i % 5 === 4
            ? client.callTool({ name: 'test_simple_text', arguments: {} })
            : client.callTool({ name: 'json_schema_2020_12_tool', arguments: { name: `caller-${i}` } }),
        ),
      );
      expect(results.map(textOf)).toEqual(
        Array.from({ length: concurrentCalls }, (_, i) =>
          i % 5 === 4 ? SIMPLE_TEXT : `Received: {"name":"caller-${i}"}`,
        ),
      );
    });

    it('survives a call cancelled by a timeout and never answers it', async () => {
      const before = strayErrors.length;
      const started = Date.now();
      const call = client.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, { timeout: 30 });
      await expect(call).rejects.toMatchObject({ code: ErrorCode.RequestTimeout });
      expect(Date.now() - started).toBeLessThan(1000);
      await expect(client.ping()).resolves.toEqual({});
      expect(textOf(await client.callTool({ name: 'test_simple_text', arguments: {} }))).toBe(SIMPLE_TEXT);
      // The tool would have answered at ~120 ms: a cancelled call must get no response.
      await sleep(200);
      expect(strayErrors.slice(before).filter((error) => /unknown message ID/i.test(error.message))).toEqual([]);
    });

    it('cancelling a call cancels the sampling request it is waiting on', async () => {
      let aborted = false;
      let asked = false;
      answerSampling = (_params, signal) =>
        new Promise((_resolve, reject) => {
          asked = true;
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('cancelled'));
          });
        });
      const call = client.callTool({ name: 'test_sampling', arguments: { prompt: 'never answered' } }, undefined, {
        timeout: 300,
      });
      await expect(call).rejects.toMatchObject({ code: ErrorCode.RequestTimeout });
      expect(asked).toBe(true);
      await until(() => aborted, 'the server to cancel its sampling request');
      answerSampling = defaultSampling;
      expect(textOf(await client.callTool({ name: 'test_sampling', arguments: { prompt: 'again' } }))).toBe(
        'LLM response: sampled(again)',
      );
    });
  });
}
