/**
 * Our zod schemas against the official MCP 2025-11-25 JSON Schema (ajv as the oracle).
 */
import type * as z from 'zod/mini';
import * as P from '../../lib/protocol/index.js';
import { officialAccepts, officialErrors, officialSchema } from './oracle.js';
import { SAMPLES, onTheWire, type Sample } from './samples.js';

const label = (sample: Sample, index: number) => `${sample.def} #${index}`;
const accepts = (schema: z.ZodMiniType, value: unknown) => schema.safeParse(value).success;

type Path = (string | number)[];

/** Every path to a value inside `value` (objects and arrays), depth first. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...pathsOf((value as any)[key], [...prefix, key])]);
}

/** A deep copy of `value` with `fn` applied to the parent of `path`. */
function mutate(value: unknown, path: Path, fn: (parent: any, key: string | number) => void): unknown {
  const copy = JSON.parse(JSON.stringify(value));
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  fn(parent, path[path.length - 1]!);
  return copy;
}

/** A value of a different JSON type. */
const wrongType = (value: unknown): unknown => (typeof value === 'string' ? 42 : 'not-the-right-type');

/** Every object inside `value` (including itself). */
const objectPaths = (value: unknown): Path[] =>
  [[], ...pathsOf(value)].filter((p) => {
    const target = p.reduce<any>((node, key) => node[key], value);
    return typeof target === 'object' && target !== null && !Array.isArray(target);
  });

describe('samples against the official schema', () => {
  it.each(SAMPLES.map((sample, i) => [label(sample, i), sample] as const))(
    '%s: ours and the spec accept it',
    (_, sample) => {
      const parsed = sample.schema.parse(sample.value);
      const wire = onTheWire(sample, parsed);
      const ok = officialAccepts(sample.def, wire);
      if (!ok) throw new Error(officialErrors(sample.def));
      expect(parsed).toStrictEqual(sample.value);
    },
  );

  it('covers every request, result and notification of the spec', () => {
    const abstract = new Set([
      'JSONRPCRequest',
      'JSONRPCNotification',
      'PaginatedRequest',
      'PaginatedResult',
      'Result',
      'Request',
      'Notification',
    ]);
    const unions = [
      'ClientRequest',
      'ServerRequest',
      'ClientNotification',
      'ServerNotification',
      'ClientResult',
      'ServerResult',
    ];
    const wanted = Object.keys(officialSchema.$defs).filter(
      (name) => /(Request|Result|Notification)$/.test(name) && !abstract.has(name) && !unions.includes(name),
    );
    const covered = new Set(SAMPLES.map((sample) => sample.def));
    expect(wanted.filter((name) => !covered.has(name))).toEqual([]);
    expect(wanted.length).toBeGreaterThanOrEqual(45);
  });
});

describe('ours agrees with the spec on mutated samples', () => {
  const mutable = SAMPLES.map((sample, i) => [label(sample, i), sample] as const).filter(
    ([, s]) => s.def !== 'URLElicitationRequiredError',
  );

  it.each(mutable)('%s: removing any field or changing its type', (_, sample) => {
    const disagreements: string[] = [];
    const check = (what: string, value: unknown) => {
      const ours = accepts(sample.schema, value);
      const spec = officialAccepts(sample.def, onTheWire(sample, value));
      if (ours !== spec)
        disagreements.push(`${what}: ours ${ours ? 'accepts' : 'rejects'}, spec ${spec ? 'accepts' : 'rejects'}`);
    };
    for (const p of pathsOf(sample.value)) {
      const where = p.join('.');
      const isArrayItem = typeof p[p.length - 1] === 'number';
      if (!isArrayItem)
        check(
          `without ${where}`,
          mutate(sample.value, p, (parent, key) => delete parent[key]),
        );
      check(
        `${where} of the wrong type`,
        mutate(sample.value, p, (parent, key) => (parent[key] = wrongType(parent[key]))),
      );
    }
    expect(disagreements).toEqual([]);
  });
});

describe('unknown fields and _meta keys survive a parse', () => {
  const extras: Record<string, unknown> = {
    'x-vendor': 'extra',
    'x-vendor-object': { nested: [1, { deep: true }] },
  };

  it.each(SAMPLES.map((sample, i) => [label(sample, i), sample] as const))(
    '%s: extra keys at every level',
    (_, sample) => {
      let tried = 0;
      for (const p of objectPaths(sample.value)) {
        for (const [key, extra] of Object.entries(extras)) {
          const value =
            p.length === 0
              ? { ...sample.value, [key]: extra }
              : mutate(sample.value, p, (parent, k) => (parent[k] = { ...parent[k], [key]: extra }));
          if (!officialAccepts(sample.def, onTheWire(sample, value))) continue; // e.g. a record of strings
          tried++;
          const result = sample.schema.safeParse(value);
          if (!result.success)
            throw new Error(`rejected ${key} at ${p.join('.') || '(root)'}: ${result.error.message}`);
          expect(result.data).toStrictEqual(value);
        }
      }
      expect(tried).toBeGreaterThan(0);
    },
  );

  it('keeps vendor _meta keys on requests, results, notifications and content', () => {
    const _meta = {
      progressToken: 1,
      'io.modelcontextprotocol/related-task': { taskId: 't' },
      'acme.dev/trace': { id: [1, 2] },
    };
    const request = P.CallToolRequestSchema.parse({
      method: 'tools/call',
      params: { name: 'x', _meta },
      extension: { a: 1 },
    });
    expect(request.params._meta).toStrictEqual(_meta);
    expect(request['extension']).toStrictEqual({ a: 1 });
    const result = P.CallToolResultSchema.parse({ content: [{ type: 'text', text: 't', _meta, future: 1 }], _meta });
    expect(result._meta).toStrictEqual(_meta);
    expect(result.content[0]).toStrictEqual({ type: 'text', text: 't', _meta, future: 1 });
    const note = P.ProgressNotificationSchema.parse({
      method: 'notifications/progress',
      params: { progressToken: 1, progress: 1, _meta },
    });
    expect(note.params._meta).toStrictEqual(_meta);
  });
});

describe('negative cases: ours rejects what the spec rejects', () => {
  const tool = { name: 't', inputSchema: { type: 'object' } };
  const task = { taskId: 't', status: 'working', createdAt: 'a', lastUpdatedAt: 'b', ttl: null };
  const cases: Array<[string, string, z.ZodMiniType, 'request' | 'notification' | 'data', Record<string, unknown>]> = [
    ['a tool without inputSchema', 'Tool', P.ToolSchema, 'data', { name: 't' }],
    [
      'a tool whose inputSchema is not an object schema',
      'Tool',
      P.ToolSchema,
      'data',
      { name: 't', inputSchema: { type: 'string' } },
    ],
    ['a tool without a name', 'Tool', P.ToolSchema, 'data', { inputSchema: { type: 'object' } }],
    ['a bad tool taskSupport', 'Tool', P.ToolSchema, 'data', { ...tool, execution: { taskSupport: 'sometimes' } }],
    [
      'a bad logging level',
      'SetLevelRequest',
      P.SetLevelRequestSchema,
      'request',
      { method: 'logging/setLevel', params: { level: 'verbose' } },
    ],
    [
      'a log message with a bad level',
      'LoggingMessageNotification',
      P.LoggingMessageNotificationSchema,
      'notification',
      { method: 'notifications/message', params: { level: 'fatal', data: 1 } },
    ],
    [
      'a log message without data',
      'LoggingMessageNotification',
      P.LoggingMessageNotificationSchema,
      'notification',
      { method: 'notifications/message', params: { level: 'info' } },
    ],
    ['an elicitation result with an invalid action', 'ElicitResult', P.ElicitResultSchema, 'data', { action: 'ok' }],
    [
      'an elicitation result with an object value',
      'ElicitResult',
      P.ElicitResultSchema,
      'data',
      { action: 'accept', content: { a: { b: 1 } } },
    ],
    [
      'a URL elicitation without elicitationId',
      'ElicitRequest',
      P.ElicitRequestSchema,
      'request',
      { method: 'elicitation/create', params: { mode: 'url', message: 'm', url: 'https://x.y' } },
    ],
    [
      'a form elicitation with a nested field',
      'ElicitRequest',
      P.ElicitRequestSchema,
      'request',
      {
        method: 'elicitation/create',
        params: { message: 'm', requestedSchema: { type: 'object', properties: { a: { type: 'object' } } } },
      },
    ],
    [
      'a form elicitation with a bad string format',
      'ElicitRequest',
      P.ElicitRequestSchema,
      'request',
      {
        method: 'elicitation/create',
        params: {
          message: 'm',
          requestedSchema: { type: 'object', properties: { a: { type: 'string', format: 'ipv4' } } },
        },
      },
    ],
    ['a tool result without content', 'CallToolResult', P.CallToolResultSchema, 'data', { isError: true }],
    ['text content without text', 'CallToolResult', P.CallToolResultSchema, 'data', { content: [{ type: 'text' }] }],
    [
      'an unknown content type',
      'CallToolResult',
      P.CallToolResultSchema,
      'data',
      { content: [{ type: 'video', data: 'AA==' }] },
    ],
    [
      'image data that is not base64',
      'CallToolResult',
      P.CallToolResultSchema,
      'data',
      { content: [{ type: 'image', data: '!!not base64!!', mimeType: 'image/png' }] },
    ],
    [
      'an embedded resource with neither text nor blob',
      'CallToolResult',
      P.CallToolResultSchema,
      'data',
      { content: [{ type: 'resource', resource: { uri: 'file:///a' } }] },
    ],
    [
      'a priority above 1',
      'Resource',
      P.ResourceSchema,
      'data',
      { uri: 'file:///a', name: 'a', annotations: { priority: 2 } },
    ],
    [
      'an audience of system',
      'Resource',
      P.ResourceSchema,
      'data',
      { uri: 'file:///a', name: 'a', annotations: { audience: ['system'] } },
    ],
    ['a fractional resource size', 'Resource', P.ResourceSchema, 'data', { uri: 'file:///a', name: 'a', size: 1.5 }],
    [
      'a sampling request without maxTokens',
      'CreateMessageRequest',
      P.CreateMessageRequestSchema,
      'request',
      { method: 'sampling/createMessage', params: { messages: [] } },
    ],
    [
      'fractional maxTokens',
      'CreateMessageRequest',
      P.CreateMessageRequestSchema,
      'request',
      { method: 'sampling/createMessage', params: { messages: [], maxTokens: 1.5 } },
    ],
    [
      'a resource link in a sampling message',
      'SamplingMessage',
      P.SamplingMessageSchema,
      'data',
      { role: 'user', content: { type: 'resource_link', uri: 'file:///a', name: 'a' } },
    ],
    ['a bad toolChoice mode', 'ToolChoice', P.ToolChoiceSchema, 'data', { mode: 'always' }],
    ['a cost priority above 1', 'ModelPreferences', P.ModelPreferencesSchema, 'data', { costPriority: 1.5 }],
    [
      'a sampling result without model',
      'CreateMessageResult',
      P.CreateMessageResultSchema,
      'data',
      { role: 'assistant', content: { type: 'text', text: 'x' } },
    ],
    [
      'progress without a token',
      'ProgressNotification',
      P.ProgressNotificationSchema,
      'notification',
      { method: 'notifications/progress', params: { progress: 1 } },
    ],
    [
      'an initialize without clientInfo version',
      'InitializeRequest',
      P.InitializeRequestSchema,
      'request',
      { method: 'initialize', params: { protocolVersion: 'v', capabilities: {}, clientInfo: { name: 'c' } } },
    ],
    [
      'an initialize without params',
      'InitializeRequest',
      P.InitializeRequestSchema,
      'request',
      { method: 'initialize' },
    ],
    ['a boolean capability', 'ServerCapabilities', P.ServerCapabilitiesSchema, 'data', { tools: true }],
    [
      'a non-boolean listChanged',
      'ServerCapabilities',
      P.ServerCapabilitiesSchema,
      'data',
      { tools: { listChanged: 'yes' } },
    ],
    ['a bad icon theme', 'Icon', P.IconSchema, 'data', { src: 'https://x.y/i.png', theme: 'blue' }],
    [
      'an unknown completion reference',
      'CompleteRequest',
      P.CompleteRequestSchema,
      'request',
      {
        method: 'completion/complete',
        params: { ref: { type: 'ref/tool', name: 'x' }, argument: { name: 'a', value: 'b' } },
      },
    ],
    [
      'a completion without argument value',
      'CompleteRequest',
      P.CompleteRequestSchema,
      'request',
      { method: 'completion/complete', params: { ref: { type: 'ref/prompt', name: 'x' }, argument: { name: 'a' } } },
    ],
    [
      'non-string prompt arguments',
      'GetPromptRequest',
      P.GetPromptRequestSchema,
      'request',
      { method: 'prompts/get', params: { name: 'p', arguments: { n: 1 } } },
    ],
    [
      'a prompt message from the system',
      'PromptMessage',
      P.PromptMessageSchema,
      'data',
      { role: 'system', content: { type: 'text', text: 'x' } },
    ],
    [
      'a read without uri',
      'ReadResourceRequest',
      P.ReadResourceRequestSchema,
      'request',
      { method: 'resources/read', params: {} },
    ],
    ['a template without uriTemplate', 'ResourceTemplate', P.ResourceTemplateSchema, 'data', { name: 't' }],
    ['a root without uri', 'Root', P.RootSchema, 'data', { name: 'r' }],
    ['a task with an unknown status', 'GetTaskResult', P.GetTaskResultSchema, 'data', { ...task, status: 'running' }],
    [
      'a task without ttl',
      'Task',
      P.TaskSchema,
      'data',
      { taskId: 't', status: 'working', createdAt: 'a', lastUpdatedAt: 'b' },
    ],
    [
      'a task status notification without taskId',
      'TaskStatusNotification',
      P.TaskStatusNotificationSchema,
      'notification',
      { method: 'notifications/tasks/status', params: { ...task, taskId: undefined } },
    ],
    ['a fractional task ttl', 'TaskMetadata', P.TaskMetadataSchema, 'data', { ttl: 0.5 }],
    [
      'tasks/get without taskId',
      'GetTaskRequest',
      P.GetTaskRequestSchema,
      'request',
      { method: 'tasks/get', params: {} },
    ],
    [
      'a cancellation with a null request id',
      'CancelledNotification',
      P.CancelledNotificationSchema,
      'notification',
      { method: 'notifications/cancelled', params: { requestId: null } },
    ],
    [
      'a wrong method',
      'CallToolRequest',
      P.CallToolRequestSchema,
      'request',
      { method: 'tools/run', params: { name: 'x' } },
    ],
  ];

  it.each(cases)('%s', (_, def, schema, kind, value) => {
    const wire = onTheWire({ def, kind, schema, value }, JSON.parse(JSON.stringify(value)));
    expect(officialAccepts(def, wire)).toBe(false);
    expect(accepts(schema, JSON.parse(JSON.stringify(value)))).toBe(false);
  });
});

describe('message unions', () => {
  const byKind = (kind: Sample['kind']) => SAMPLES.filter((sample) => sample.kind === kind);

  it.each([
    ['ClientRequest', P.ClientRequestSchema, 'request'],
    ['ServerRequest', P.ServerRequestSchema, 'request'],
    ['ClientNotification', P.ClientNotificationSchema, 'notification'],
    ['ServerNotification', P.ServerNotificationSchema, 'notification'],
  ] as const)('%s accepts exactly what the spec union accepts', (def, schema, kind) => {
    const verdicts = byKind(kind).map((sample) => ({
      method: sample.value['method'],
      ours: accepts(schema, sample.value),
      spec: officialAccepts(def, onTheWire(sample)),
    }));
    expect(verdicts.filter((v) => v.ours !== v.spec)).toEqual([]);
    expect(verdicts.some((v) => v.ours)).toBe(true);
    expect(verdicts.some((v) => !v.ours)).toBe(true);
  });

  it('ServerResultSchema keeps the specific shape of a result', () => {
    const result = P.ServerResultSchema.parse({ tools: [{ name: 't', inputSchema: { type: 'object' } }] });
    expect(result).toStrictEqual({ tools: [{ name: 't', inputSchema: { type: 'object' } }] });
    expect(P.ClientResultSchema.parse({})).toStrictEqual({});
  });
});
