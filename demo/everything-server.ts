/**
 * The "everything" server: every MCP feature, with exactly the fixtures the official conformance
 * suite (0.1.16) checks. `rxmcp run demo/everything-server.ts` serves it over stdio, `--port N`
 * over HTTP (Streamable HTTP at /mcp, legacy SSE at /sse, WebSocket at /ws).
 */
import { catchError, concat, defer, delay, endWith, ignoreElements, map, type Observable, of, tap, timer } from 'rxjs';
import * as z from 'zod';
import { McpServer, type ToolResult } from '../lib/server/index.js';
import { registerModernFixtures } from './everything-server-2026.js';
import { registerSkillFixtures, registerTaskFixtures } from './everything-server-extensions.js';

/** A 1×1 PNG and a tiny WAV, as base64. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const WAV = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=';

const server = new McpServer(
  {
    name: 'rxmcp-everything-server',
    title: 'rxmcp everything server',
    version: '1.0.0',
    description: 'Exercises every MCP feature; the fixture of the official conformance suite.',
    websiteUrl: 'https://github.com/modelcontextprotocol',
  },
  { instructions: 'A test server: every tool, resource and prompt exists to exercise one protocol feature.' },
);

const text = (value: string) => ({ type: 'text' as const, text: value });
/** A tool's answer when the client refused or failed a server→client request. */
const peerFailure =
  (what: string) =>
  (answer: Observable<string>): Observable<ToolResult> =>
    answer.pipe(
      catchError((error: Error) => of({ content: [text(`${what} failed: ${error.message}`)], isError: true })),
    );

// ── tools ───────────────────────────────────────────────────────────────────────────────────────
server.tool(
  'test_simple_text',
  { description: 'Returns a simple text response' },
  () => 'This is a simple text response for testing.',
);

server.tool('test_image_content', { description: 'Returns an image' }, () => ({
  content: [{ type: 'image', data: PNG, mimeType: 'image/png' }],
}));

server.tool('test_audio_content', { description: 'Returns audio' }, () => ({
  content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }],
}));

server.tool('test_embedded_resource', { description: 'Returns an embedded resource' }, () => ({
  content: [
    {
      type: 'resource',
      resource: {
        uri: 'test://embedded-resource',
        mimeType: 'text/plain',
        text: 'This is an embedded resource content.',
      },
    },
  ],
}));

server.tool('test_multiple_content_types', { description: 'Returns text, an image and a resource together' }, () => ({
  content: [
    text('Multiple content types test:'),
    { type: 'image', data: PNG, mimeType: 'image/png' },
    {
      type: 'resource',
      resource: {
        uri: 'test://mixed-content-resource',
        mimeType: 'application/json',
        text: '{"test":"data","value":123}',
      },
    },
  ],
}));

server.tool('test_tool_with_logging', { description: 'Sends three log messages while it runs' }, (_args, ctx) =>
  concat(
    timer(0).pipe(tap(() => ctx.log('info', 'Tool execution started'))),
    timer(50).pipe(tap(() => ctx.log('info', 'Tool processing data'))),
    timer(50).pipe(tap(() => ctx.log('info', 'Tool execution completed'))),
    // As for progress: let the last notification reach the official SDK client before the result.
    timer(20),
  ).pipe(ignoreElements(), endWith('Tool with logging executed successfully')),
);

server.tool('test_tool_with_progress', { description: 'Reports progress 0, 50 and 100 of 100' }, (_args, ctx) =>
  concat(
    timer(0).pipe(tap(() => ctx.progress(0, 100, 'Starting'))),
    timer(50).pipe(tap(() => ctx.progress(50, 100, 'Halfway'))),
    timer(50).pipe(tap(() => ctx.progress(100, 100, 'Done'))),
    // A pause before the result: the official SDK client drops progress that shares a read with the response.
    timer(20),
  ).pipe(ignoreElements(), endWith('Tool with progress executed successfully')),
);

server.tool('test_error_handling', { description: 'Always fails with isError: true' }, () => ({
  content: [text('This tool intentionally returns an error for testing')],
  isError: true,
}));

server.tool(
  'test_sampling',
  {
    description: "Asks the client's model to answer a prompt",
    inputSchema: z.object({ prompt: z.string().describe('The prompt to send') }),
  },
  ({ prompt }, ctx) =>
    ctx.sample({ messages: [{ role: 'user', content: text(prompt) }], maxTokens: 100 }).pipe(
      map((answer) => {
        const block = Array.isArray(answer.content) ? answer.content[0] : answer.content;
        return `LLM response: ${block && block.type === 'text' ? block.text : JSON.stringify(answer.content)}`;
      }),
      peerFailure('Sampling'),
    ),
);

server.tool(
  'test_elicitation',
  {
    description: 'Asks the user for a username and email',
    inputSchema: z.object({ message: z.string().describe('What to ask') }),
  },
  ({ message }, ctx) =>
    ctx
      .elicit({
        message,
        requestedSchema: {
          type: 'object',
          properties: {
            username: { type: 'string', description: "User's response" },
            email: { type: 'string', description: "User's email address" },
          },
          required: ['username', 'email'],
        },
      })
      .pipe(
        map((answer) => `User response: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`),
        peerFailure('Elicitation'),
      ),
);

server.tool(
  'test_elicitation_sep1034_defaults',
  { description: 'Elicits a form whose fields all have defaults (SEP-1034)' },
  (_args, ctx) =>
    ctx
      .elicit({
        message: 'Please review your profile (every field has a default)',
        requestedSchema: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'User name', default: 'John Doe' },
            age: { type: 'integer', description: 'User age', default: 30 },
            score: { type: 'number', description: 'User score', default: 95.5 },
            status: {
              type: 'string',
              description: 'User status',
              enum: ['active', 'inactive', 'pending'],
              default: 'active',
            },
            verified: { type: 'boolean', description: 'Verification status', default: true },
          },
          required: [],
        },
      })
      .pipe(
        map(
          (answer) => `Elicitation completed: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`,
        ),
        peerFailure('Elicitation'),
      ),
);

server.tool(
  'test_elicitation_sep1330_enums',
  { description: 'Elicits every kind of enum field (SEP-1330)' },
  (_args, ctx) =>
    ctx
      .elicit({
        message: 'Pick some options',
        requestedSchema: {
          type: 'object',
          properties: {
            untitledSingle: {
              type: 'string',
              description: 'Untitled single select',
              enum: ['option1', 'option2', 'option3'],
            },
            titledSingle: {
              type: 'string',
              description: 'Titled single select',
              oneOf: [
                { const: 'value1', title: 'First Option' },
                { const: 'value2', title: 'Second Option' },
                { const: 'value3', title: 'Third Option' },
              ],
            },
            legacyEnum: {
              type: 'string',
              description: 'Legacy titled enum',
              enum: ['opt1', 'opt2', 'opt3'],
              enumNames: ['Option One', 'Option Two', 'Option Three'],
            },
            untitledMulti: {
              type: 'array',
              description: 'Untitled multi select',
              minItems: 1,
              maxItems: 3,
              items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
            },
            titledMulti: {
              type: 'array',
              description: 'Titled multi select',
              minItems: 1,
              maxItems: 3,
              items: {
                anyOf: [
                  { const: 'value1', title: 'First Choice' },
                  { const: 'value2', title: 'Second Choice' },
                  { const: 'value3', title: 'Third Choice' },
                ],
              },
            },
          },
          required: [],
        },
      })
      .pipe(
        map(
          (answer) => `Elicitation completed: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`,
        ),
        peerFailure('Elicitation'),
      ),
);

server.tool(
  'json_schema_2020_12_tool',
  {
    description: 'Tool with JSON Schema 2020-12 features',
    inputSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: {
        address: {
          $anchor: 'addressDef',
          type: 'object',
          properties: { street: { type: 'string' }, city: { type: 'string' } },
        },
      },
      properties: {
        name: { type: 'string' },
        address: { $ref: '#/$defs/address' },
        contactMethod: { type: 'string', enum: ['phone', 'email'] },
        phone: { type: 'string' },
        email: { type: 'string' },
      },
      // SEP-2106: composition, conditionals and anchors are kept as written and enforced: a name or
      // an address is required, and a phone number only goes with contactMethod 'phone'.
      allOf: [{ anyOf: [{ required: ['name'] }, { required: ['address'] }] }],
      if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
      then: { required: ['phone'] },
      else: { not: { required: ['phone'] } },
      additionalProperties: false,
    },
  },
  (args) => `Received: ${JSON.stringify(args)}`,
);

server.tool(
  'test_reconnection',
  { description: 'Closes its response stream, then answers (clients must resume with Last-Event-ID)' },
  (_args, ctx) =>
    defer(() => {
      ctx.closeStream();
      return of('Reconnection test completed successfully').pipe(delay(100));
    }),
);

// ── resources ───────────────────────────────────────────────────────────────────────────────────
server.resource(
  'test://static-text',
  { name: 'Static text', description: 'A static text resource', mimeType: 'text/plain' },
  (uri) => ({
    contents: [{ uri, mimeType: 'text/plain', text: 'This is the content of the static text resource.' }],
  }),
);

server.resource(
  'test://static-binary',
  { name: 'Static binary', description: 'A static PNG image', mimeType: 'image/png' },
  (uri) => ({
    contents: [{ uri, mimeType: 'image/png', blob: PNG }],
  }),
);

let watchedVersion = 0;
server.resource(
  'test://watched-resource',
  {
    name: 'Watched resource',
    description: 'Changes whenever touchWatchedResource() is called',
    mimeType: 'text/plain',
  },
  (uri) => ({
    contents: [{ uri, mimeType: 'text/plain', text: `Watched resource, version ${watchedVersion}` }],
  }),
);

/** Bumps the watched resource; subscribed sessions get `notifications/resources/updated`. */
export function touchWatchedResource(): void {
  watchedVersion += 1;
  server.notifyResourceUpdated('test://watched-resource');
}

server.resourceTemplate(
  'test://template/{id}/data',
  {
    name: 'Template data',
    description: 'Data for any id',
    mimeType: 'application/json',
    complete: { id: (value) => ['1', '2', '3', '42', '123'].filter((id) => id.startsWith(value)) },
  },
  (uri, { id }) => ({
    contents: [
      {
        uri,
        mimeType: 'application/json',
        text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
      },
    ],
  }),
);

// ── prompts ─────────────────────────────────────────────────────────────────────────────────────
server.prompt(
  'test_simple_prompt',
  { description: 'A prompt without arguments' },
  () => 'This is a simple prompt for testing.',
);

server.prompt(
  'test_prompt_with_arguments',
  {
    description: 'A prompt with two required arguments',
    arguments: z.object({
      arg1: z.string().describe('First test argument'),
      arg2: z.string().describe('Second test argument'),
    }),
    complete: {
      arg1: (value) => ['test', 'testValue1', 'other'].filter((v) => v.startsWith(value)),
      arg2: (value) => ['testValue2', 'more'].filter((v) => v.startsWith(value)),
    },
  },
  ({ arg1, arg2 }) => `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`,
);

server.prompt(
  'test_prompt_with_embedded_resource',
  {
    description: 'A prompt that embeds a resource',
    arguments: z.object({ resourceUri: z.string().describe('URI of the resource to embed') }),
  },
  ({ resourceUri }) => ({
    messages: [
      {
        role: 'user',
        content: {
          type: 'resource',
          resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' },
        },
      },
      { role: 'user', content: text('Please process the embedded resource above.') },
    ],
  }),
);

server.prompt('test_prompt_with_image', { description: 'A prompt with an image' }, () => ({
  messages: [
    { role: 'user', content: { type: 'image', data: PNG, mimeType: 'image/png' } },
    { role: 'user', content: text('Please analyze the image above.') },
  ],
}));

registerModernFixtures(server);
registerTaskFixtures(server);
registerSkillFixtures(server);

// For clients out of process (the browser specs, the Angular demo): a tool that bumps the watched resource.
server.tool(
  'test_touch_watched_resource',
  { description: 'Bumps test://watched-resource (its subscribers get notifications/resources/updated)' },
  () => {
    touchWatchedResource();
    return `Watched resource, version ${watchedVersion}`;
  },
);

export default server;
