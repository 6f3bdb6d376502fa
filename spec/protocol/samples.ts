/**
 * Sample MCP 2025-11-25 messages, one (or more) per request, result and notification type,
 * each paired with our zod schema and the official JSON Schema definition it must satisfy.
 */
import type * as z from 'zod/mini';
import * as P from '../../lib/protocol/index.js';

/** How a sample sits on the wire: requests and notifications get the JSON-RPC envelope. */
export type SampleKind = 'request' | 'notification' | 'data';

export interface Sample {
  /** Name of the definition under `$defs` in the official schema. */
  readonly def: string;
  readonly kind: SampleKind;
  readonly schema: z.ZodMiniType;
  readonly value: Record<string, unknown>;
}

const s = (def: string, kind: SampleKind, schema: z.ZodMiniType, value: Record<string, unknown>): Sample => ({
  def,
  kind,
  schema,
  value,
});

const png = 'iVBORw0KGgo=';
const meta = { progressToken: 7, 'io.modelcontextprotocol/related-task': { taskId: 't1' }, 'acme.dev/trace': 'abc' };
const icons = [{ src: 'https://example.com/icon.png', mimeType: 'image/png', sizes: ['48x48'], theme: 'dark' }];
const annotations = { audience: ['user', 'assistant'], priority: 0.5, lastModified: '2025-01-12T15:00:58Z' };
const implementation = {
  name: 'acme',
  title: 'Acme',
  version: '1.0.0',
  description: 'An implementation',
  icons,
  websiteUrl: 'https://example.com',
};
const task = {
  taskId: 't1',
  status: 'working',
  statusMessage: 'busy',
  createdAt: '2025-11-25T10:00:00Z',
  lastUpdatedAt: '2025-11-25T10:00:01Z',
  ttl: 60000,
  pollInterval: 500,
};
const text = { type: 'text', text: 'hello', annotations, _meta: { k: 1 } };
const image = { type: 'image', data: png, mimeType: 'image/png' };
const audio = { type: 'audio', data: png, mimeType: 'audio/wav' };
const link = {
  type: 'resource_link',
  uri: 'file:///a.txt',
  name: 'a',
  title: 'A',
  description: 'a file',
  mimeType: 'text/plain',
  size: 3,
  icons,
  annotations,
};
const embedded = { type: 'resource', resource: { uri: 'file:///a.txt', mimeType: 'text/plain', text: 'abc' } };
const embeddedBlob = { type: 'resource', resource: { uri: 'file:///a.bin', blob: png } };
const toolUse = { type: 'tool_use', id: 'u1', name: 'get_weather', input: { city: 'Paris' } };
const toolResult = {
  type: 'tool_result',
  toolUseId: 'u1',
  content: [text],
  structuredContent: { temp: 20 },
  isError: false,
};
const tool = {
  name: 'get_weather',
  title: 'Weather',
  description: 'Gets the weather',
  icons,
  inputSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
  outputSchema: { type: 'object', properties: { temp: { type: 'number' } } },
  annotations: {
    title: 'Weather',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  execution: { taskSupport: 'optional' },
  _meta: { 'acme.dev/x': 1 },
};
const requestedSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name', description: 'Your name', minLength: 1, maxLength: 50, default: 'Ann' },
    email: { type: 'string', format: 'email' },
    age: { type: 'integer', minimum: 0, maximum: 150, default: 30 },
    ratio: { type: 'number' },
    ok: { type: 'boolean', default: true },
    color: { type: 'string', enum: ['red', 'green'], default: 'red' },
    size: {
      type: 'string',
      oneOf: [
        { const: 's', title: 'Small' },
        { const: 'l', title: 'Large' },
      ],
      default: 's',
    },
    legacy: { type: 'string', enum: ['a', 'b'], enumNames: ['A', 'B'] },
    tags: { type: 'array', items: { type: 'string', enum: ['x', 'y'] }, minItems: 1, maxItems: 2, default: ['x'] },
    toppings: { type: 'array', items: { anyOf: [{ const: 'ch', title: 'Cheese' }] }, default: [] },
  },
  required: ['name'],
};

/** One or more samples of every MCP 2025-11-25 request, result and notification. */
export const SAMPLES: readonly Sample[] = [
  // lifecycle
  s('InitializeRequest', 'request', P.InitializeRequestSchema, {
    method: 'initialize',
    params: {
      _meta: meta,
      protocolVersion: '2025-11-25',
      capabilities: {
        roots: { listChanged: true },
        sampling: { context: {}, tools: {} },
        elicitation: { form: {}, url: {} },
        tasks: { list: {}, cancel: {}, requests: { sampling: { createMessage: {} }, elicitation: { create: {} } } },
        experimental: { 'acme.dev/feature': { level: 2 } },
      },
      clientInfo: implementation,
    },
  }),
  s('InitializeResult', 'data', P.InitializeResultSchema, {
    protocolVersion: '2025-11-25',
    capabilities: {
      logging: {},
      completions: {},
      prompts: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      tools: { listChanged: false },
      tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
    },
    serverInfo: implementation,
    instructions: 'Use the tools.',
    _meta: { a: 1 },
  }),
  s('InitializedNotification', 'notification', P.InitializedNotificationSchema, {
    method: 'notifications/initialized',
  }),
  s('PingRequest', 'request', P.PingRequestSchema, { method: 'ping' }),
  s('EmptyResult', 'data', P.EmptyResultSchema, {}),
  // progress and cancellation
  s('ProgressNotification', 'notification', P.ProgressNotificationSchema, {
    method: 'notifications/progress',
    params: { progressToken: 'p1', progress: 50, total: 100, message: 'half way' },
  }),
  s('CancelledNotification', 'notification', P.CancelledNotificationSchema, {
    method: 'notifications/cancelled',
    params: { requestId: 3, reason: 'user aborted' },
  }),
  // tools
  s('ListToolsRequest', 'request', P.ListToolsRequestSchema, { method: 'tools/list', params: { cursor: 'c1' } }),
  s('ListToolsResult', 'data', P.ListToolsResultSchema, {
    tools: [tool, { name: 'min', inputSchema: { type: 'object' } }],
    nextCursor: 'c2',
  }),
  s('CallToolRequest', 'request', P.CallToolRequestSchema, {
    method: 'tools/call',
    params: { _meta: meta, name: 'get_weather', arguments: { city: 'Paris' }, task: { ttl: 60000 } },
  }),
  s('CallToolResult', 'data', P.CallToolResultSchema, {
    content: [text, image, audio, link, embedded, embeddedBlob],
    structuredContent: { temp: 20 },
    isError: false,
  }),
  s('ToolListChangedNotification', 'notification', P.ToolListChangedNotificationSchema, {
    method: 'notifications/tools/list_changed',
    params: {},
  }),
  // resources
  s('ListResourcesRequest', 'request', P.ListResourcesRequestSchema, { method: 'resources/list' }),
  s('ListResourcesResult', 'data', P.ListResourcesResultSchema, {
    resources: [
      {
        uri: 'file:///a.txt',
        name: 'a',
        title: 'A',
        description: 'd',
        mimeType: 'text/plain',
        size: 3,
        icons,
        annotations,
        _meta: {},
      },
    ],
  }),
  s('ListResourceTemplatesRequest', 'request', P.ListResourceTemplatesRequestSchema, {
    method: 'resources/templates/list',
    params: {},
  }),
  s('ListResourceTemplatesResult', 'data', P.ListResourceTemplatesResultSchema, {
    resourceTemplates: [
      {
        uriTemplate: 'file:///{path}',
        name: 'files',
        title: 'Files',
        description: 'd',
        mimeType: 'text/plain',
        icons,
        annotations,
      },
    ],
    nextCursor: 'n',
  }),
  s('ReadResourceRequest', 'request', P.ReadResourceRequestSchema, {
    method: 'resources/read',
    params: { uri: 'file:///a.txt' },
  }),
  s('ReadResourceResult', 'data', P.ReadResourceResultSchema, { contents: [embedded.resource, embeddedBlob.resource] }),
  s('SubscribeRequest', 'request', P.SubscribeRequestSchema, {
    method: 'resources/subscribe',
    params: { uri: 'file:///a.txt' },
  }),
  s('UnsubscribeRequest', 'request', P.UnsubscribeRequestSchema, {
    method: 'resources/unsubscribe',
    params: { uri: 'file:///a.txt' },
  }),
  s('ResourceUpdatedNotification', 'notification', P.ResourceUpdatedNotificationSchema, {
    method: 'notifications/resources/updated',
    params: { uri: 'file:///a.txt' },
  }),
  s('ResourceListChangedNotification', 'notification', P.ResourceListChangedNotificationSchema, {
    method: 'notifications/resources/list_changed',
  }),
  // prompts
  s('ListPromptsRequest', 'request', P.ListPromptsRequestSchema, { method: 'prompts/list' }),
  s('ListPromptsResult', 'data', P.ListPromptsResultSchema, {
    prompts: [
      {
        name: 'review',
        title: 'Review',
        description: 'd',
        icons,
        arguments: [{ name: 'code', title: 'Code', description: 'c', required: true }],
      },
    ],
  }),
  s('GetPromptRequest', 'request', P.GetPromptRequestSchema, {
    method: 'prompts/get',
    params: { name: 'review', arguments: { code: 'x = 1' } },
  }),
  s('GetPromptResult', 'data', P.GetPromptResultSchema, {
    description: 'd',
    messages: [
      { role: 'user', content: text },
      { role: 'assistant', content: embedded },
    ],
  }),
  s('PromptListChangedNotification', 'notification', P.PromptListChangedNotificationSchema, {
    method: 'notifications/prompts/list_changed',
  }),
  // completion
  s('CompleteRequest', 'request', P.CompleteRequestSchema, {
    method: 'completion/complete',
    params: {
      ref: { type: 'ref/prompt', name: 'review', title: 'Review' },
      argument: { name: 'lang', value: 'py' },
      context: { arguments: { a: 'b' } },
    },
  }),
  s('CompleteRequest', 'request', P.CompleteRequestSchema, {
    method: 'completion/complete',
    params: { ref: { type: 'ref/resource', uri: 'file:///{path}' }, argument: { name: 'path', value: 'sr' } },
  }),
  s('CompleteResult', 'data', P.CompleteResultSchema, {
    completion: { values: ['python', 'pytorch'], total: 10, hasMore: true },
  }),
  // logging
  s('SetLevelRequest', 'request', P.SetLevelRequestSchema, {
    method: 'logging/setLevel',
    params: { level: 'warning' },
  }),
  s('LoggingMessageNotification', 'notification', P.LoggingMessageNotificationSchema, {
    method: 'notifications/message',
    params: { level: 'error', logger: 'db', data: { error: 'Connection failed' } },
  }),
  // sampling
  s('CreateMessageRequest', 'request', P.CreateMessageRequestSchema, {
    method: 'sampling/createMessage',
    params: {
      messages: [
        { role: 'user', content: text },
        { role: 'assistant', content: [toolUse] },
        { role: 'user', content: [toolResult, image, audio] },
      ],
      modelPreferences: {
        hints: [{ name: 'claude' }],
        costPriority: 0.3,
        speedPriority: 0.8,
        intelligencePriority: 0.5,
      },
      systemPrompt: 'Be brief.',
      includeContext: 'thisServer',
      temperature: 0.7,
      maxTokens: 100,
      stopSequences: ['\n\n'],
      metadata: { provider: 'x' },
      tools: [tool],
      toolChoice: { mode: 'auto' },
      task: { ttl: 1000 },
    },
  }),
  s('CreateMessageResult', 'data', P.CreateMessageResultSchema, {
    model: 'claude',
    stopReason: 'endTurn',
    role: 'assistant',
    content: text,
  }),
  s('CreateMessageResult', 'data', P.CreateMessageResultSchema, {
    model: 'claude',
    stopReason: 'toolUse',
    role: 'assistant',
    content: [text, toolUse],
  }),
  // elicitation
  s('ElicitRequest', 'request', P.ElicitRequestSchema, {
    method: 'elicitation/create',
    params: {
      mode: 'form',
      message: 'Who are you?',
      requestedSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', ...requestedSchema },
    },
  }),
  s('ElicitRequest', 'request', P.ElicitRequestSchema, {
    method: 'elicitation/create',
    params: { message: 'Name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } },
  }),
  s('ElicitRequest', 'request', P.ElicitRequestSchema, {
    method: 'elicitation/create',
    params: { mode: 'url', message: 'Sign in', url: 'https://example.com/auth', elicitationId: 'e1' },
  }),
  s('ElicitResult', 'data', P.ElicitResultSchema, {
    action: 'accept',
    content: { name: 'Ann', age: 30, ok: true, tags: ['x'] },
  }),
  s('ElicitResult', 'data', P.ElicitResultSchema, { action: 'decline' }),
  s('ElicitationCompleteNotification', 'notification', P.ElicitationCompleteNotificationSchema, {
    method: 'notifications/elicitation/complete',
    params: { elicitationId: 'e1' },
  }),
  // roots
  s('ListRootsRequest', 'request', P.ListRootsRequestSchema, { method: 'roots/list' }),
  s('ListRootsResult', 'data', P.ListRootsResultSchema, {
    roots: [{ uri: 'file:///home/me/project', name: 'project', _meta: {} }],
  }),
  s('RootsListChangedNotification', 'notification', P.RootsListChangedNotificationSchema, {
    method: 'notifications/roots/list_changed',
  }),
  // tasks
  s('CreateTaskResult', 'data', P.CreateTaskResultSchema, { task }),
  s('GetTaskRequest', 'request', P.GetTaskRequestSchema, { method: 'tasks/get', params: { taskId: 't1' } }),
  s('GetTaskResult', 'data', P.GetTaskResultSchema, { ...task, ttl: null, status: 'completed' }),
  s('GetTaskPayloadRequest', 'request', P.GetTaskPayloadRequestSchema, {
    method: 'tasks/result',
    params: { taskId: 't1' },
  }),
  s('GetTaskPayloadResult', 'data', P.GetTaskPayloadResultSchema, {
    content: [text],
    _meta: { 'io.modelcontextprotocol/related-task': { taskId: 't1' } },
  }),
  s('CancelTaskRequest', 'request', P.CancelTaskRequestSchema, { method: 'tasks/cancel', params: { taskId: 't1' } }),
  s('CancelTaskResult', 'data', P.CancelTaskResultSchema, { ...task, status: 'cancelled' }),
  s('ListTasksRequest', 'request', P.ListTasksRequestSchema, { method: 'tasks/list', params: { cursor: 'c' } }),
  s('ListTasksResult', 'data', P.ListTasksResultSchema, { tasks: [task], nextCursor: 'n' }),
  s('TaskStatusNotification', 'notification', P.TaskStatusNotificationSchema, {
    method: 'notifications/tasks/status',
    params: { ...task, status: 'input_required' },
  }),
  // errors with data defined by MCP
  s('URLElicitationRequiredError', 'data', P.JSONRPCErrorResponseSchema, {
    jsonrpc: '2.0',
    id: 4,
    error: {
      code: -32042,
      message: 'Authorization required',
      data: P.UrlElicitationRequiredErrorDataSchema.parse({
        elicitations: [{ mode: 'url', message: 'Sign in', url: 'https://example.com/auth', elicitationId: 'e1' }],
      }),
    },
  }),
];

/** Wraps a sample in its JSON-RPC envelope, as it would travel. */
export function onTheWire(sample: Sample, value: unknown = sample.value): unknown {
  if (sample.kind === 'request') return { jsonrpc: '2.0', id: 1, ...(value as object) };
  if (sample.kind === 'notification') return { jsonrpc: '2.0', ...(value as object) };
  return value;
}
