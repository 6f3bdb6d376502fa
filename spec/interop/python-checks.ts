/**
 * The cells of the interop matrix whose client is the official Python SDK: `fixtures/python-client.py`
 * runs its battery against `demo/everything-server.ts` (served by `rxmcp run`) and prints what it
 * saw as JSON; {@link pythonClientChecks} asserts on that report, one test per feature area. The
 * expectations are those of the TypeScript batteries (`spec/everything/expected.ts`).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  EVERYTHING_RESOURCE_URIS,
  EVERYTHING_TOOLS,
  JSON_SCHEMA_2020_12_INPUT,
  PNG,
  PROMPT_NAMES,
  SIMPLE_TEXT,
} from '../everything/expected.js';
import { OPEN_TIMEOUT_MS } from './checks.js';
import { requirePythonEnv, ROOT } from './hosts.js';

/** What the Python client reports: one object per section (or `{ error }` if the section failed). */
export type PythonReport = Record<string, Record<string, unknown> | unknown[]>;

/** How long the whole Python battery may take. */
const RUN_TIMEOUT_MS = 150_000;

/** Runs `python-client.py args` from the repository's `.venv` and resolves with its report. */
export function runPythonClient(args: readonly string[]): Promise<PythonReport> {
  const python = requirePythonEnv();
  const child = spawn(python, [resolve(__dirname, 'fixtures', 'python-client.py'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: RUN_TIMEOUT_MS,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code, signal) => {
      if (code === 0) done(JSON.parse(stdout) as PythonReport);
      else fail(new Error(`python-client.py ${args.join(' ')} exited (${code ?? signal}):\n${stderr}${stdout}`));
    });
  });
}

/** A section of the report: JSON from Python, read loosely (a wrong shape fails the assertions). */
type Section = Record<string, any>;
const textOf = (result: Section) => (result['content'] as Array<{ text?: string }>)[0]?.text;

/**
 * Defines (inside the caller's `describe`) a `beforeAll` that runs the Python client with
 * `run` and one test per section of its report.
 */
/**
 * A `beforeAll` (in the caller's `describe`) that runs the Python client with `run`, and readers of
 * its report: `section(name)` fails with what the Python side raised if that section failed.
 */
function reportOf(run: () => Promise<PythonReport>): {
  section(name: string): Section;
  readonly report: PythonReport | undefined;
} {
  let report: PythonReport | undefined;
  beforeAll(async () => {
    report = await run();
  }, OPEN_TIMEOUT_MS + RUN_TIMEOUT_MS);
  return {
    section: (name) => {
      if (!report) throw new Error('The Python client did not run');
      const value = report[name] as Section | undefined;
      if (value === undefined) throw new Error(`The Python client's report has no ${name} section`);
      if ('error' in value)
        throw new Error(`The Python client's ${name} section failed: ${JSON.stringify(value['error'], null, 2)}`);
      return value;
    },
    get report() {
      return report;
    },
  };
}

export function pythonClientChecks(run: () => Promise<PythonReport>): void {
  const read = reportOf(run);
  const section = read.section;

  it('initialize: the server, the revision and the capabilities', () => {
    expect(section('server')).toMatchObject({
      name: 'rxmcp-everything-server',
      version: '1.0.0',
      protocolVersion: '2025-11-25',
      capabilities: { tools: {}, resources: { subscribe: true }, prompts: {}, logging: {}, completions: {} },
    });
  });

  it('tools: lists the 14 tools, calls them, and gets isError results and protocol errors where due', () => {
    const tools = section('tools');
    const listed = tools['tools'] as Array<{ name: string; description?: string; inputSchema: Section }>;
    expect(listed.map((tool) => tool.name).sort()).toEqual([...EVERYTHING_TOOLS].sort());
    for (const tool of listed) expect(tool.description?.length).toBeGreaterThan(0);
    expect(listed.find((tool) => tool.name === 'json_schema_2020_12_tool')?.inputSchema).toEqual(
      JSON_SCHEMA_2020_12_INPUT,
    );
    expect(tools['simple']).toMatchObject({ content: [{ type: 'text', text: SIMPLE_TEXT }], isError: false });
    expect(tools['image']['content']).toEqual([{ type: 'image', mimeType: 'image/png', data: PNG }]);
    expect(textOf(tools['schemaTool'])).toBe(
      `Received: ${JSON.stringify({ name: 'Ada', address: { street: '1 Loop', city: 'Zürich' } })}`,
    );
    expect(tools['badArguments']).toMatchObject({ isError: true });
    expect(tools['errorTool']).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }],
    });
    expect(tools['unknownTool']).toMatchObject({ error: { code: -32602 } });
  });

  it('progress: 0, 50 and 100 of 100, in order, before the result', () => {
    const progress = section('progress');
    expect(progress['updates']).toEqual([
      { progress: 0, total: 100, message: 'Starting' },
      { progress: 50, total: 100, message: 'Halfway' },
      { progress: 100, total: 100, message: 'Done' },
    ]);
    expect(textOf(progress['result'])).toBe('Tool with progress executed successfully');
  });

  it('logging: three info messages at level debug, none at level error', () => {
    const logging = section('logging');
    expect(textOf(logging['result'])).toBe('Tool with logging executed successfully');
    expect(logging['atDebug']).toEqual(
      ['Tool execution started', 'Tool processing data', 'Tool execution completed'].map((data) => ({
        level: 'info',
        data,
      })),
    );
    expect(logging['atError']).toEqual([]);
  });

  it('sampling: the server samples through the client, and reports a client that fails it', () => {
    const sampling = section('sampling');
    expect(sampling['answered']).toMatchObject({
      isError: false,
      content: [{ type: 'text', text: 'LLM response: sampled(What is 2+2?)' }],
    });
    expect(sampling['requests']).toEqual([
      { messages: [{ role: 'user', content: { type: 'text', text: 'What is 2+2?' } }], maxTokens: 100 },
    ]);
    expect(sampling['failed']).toMatchObject({ isError: true });
    expect(textOf(sampling['failed'])).toMatch(/no model today/);
  });

  it('elicitation: the server elicits through the client and gets the accepted content', () => {
    const elicitation = section('elicitation');
    expect(textOf(elicitation['result'])).toBe(
      'User response: action=accept, content={"username":"ada","email":"ada@example.com"}',
    );
    expect(elicitation['requests']).toEqual([
      expect.objectContaining({
        message: 'Who are you?',
        requestedSchema: expect.objectContaining({ required: ['username', 'email'] }),
      }),
    ]);
  });

  it('cancellation: cancelling a call cancels the sampling request it waits on, and the session keeps working', () => {
    const cancellation = section('cancellation');
    expect(cancellation).toEqual({
      callCancelled: true,
      samplingCancelled: true,
      ping: {},
      after: expect.objectContaining({ content: [{ type: 'text', text: 'LLM response: sampled(again)' }] }),
    });
  });

  it('resources: lists, reads text, binary and templated resources; an unknown one is -32002', () => {
    const resources = section('resources');
    expect((resources['resources'] as Section[]).map((resource) => resource['uri']).sort()).toEqual(
      EVERYTHING_RESOURCE_URIS,
    );
    expect(resources['templates']).toEqual([
      expect.objectContaining({ uriTemplate: 'test://template/{id}/data', mimeType: 'application/json' }),
    ]);
    expect(resources['text']['contents']).toEqual([
      { uri: 'test://static-text', mimeType: 'text/plain', text: 'This is the content of the static text resource.' },
    ]);
    expect(resources['binary']['contents']).toEqual([
      { uri: 'test://static-binary', mimeType: 'image/png', blob: PNG },
    ]);
    const [templated] = resources['templated']['contents'] as Section[];
    expect(templated).toMatchObject({ uri: 'test://template/123/data', mimeType: 'application/json' });
    expect(JSON.parse(templated!['text'] as string)).toEqual({
      id: '123',
      templateTest: true,
      data: 'Data for ID: 123',
    });
    expect(resources['unknown']).toMatchObject({ error: { code: -32002 } });
  });

  it('prompts: lists the four prompts, gets them, refuses a missing argument, completes one', () => {
    const prompts = section('prompts');
    const listed = prompts['prompts'] as Section[];
    expect(listed.map((prompt) => prompt['name']).sort()).toEqual(PROMPT_NAMES);
    expect(listed.find((prompt) => prompt['name'] === 'test_prompt_with_arguments')?.['arguments']).toEqual([
      expect.objectContaining({ name: 'arg1', required: true }),
      expect.objectContaining({ name: 'arg2', required: true }),
    ]);
    expect(prompts['simple']['messages']).toEqual([
      { role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } },
    ]);
    expect(prompts['withArguments']['messages']).toEqual([
      { role: 'user', content: { type: 'text', text: "Prompt with arguments: arg1='hello', arg2='world'" } },
    ]);
    expect(prompts['missingArgument']).toMatchObject({ error: { code: -32602 } });
    expect(prompts['completion']['values']).toEqual(['test', 'testValue1']);
  });

  it('the session: still answers ping at the end, and nothing arrived that the client could not handle', () => {
    expect(section('ping')).toEqual({});
    expect(read.report?.['stray']).toEqual([]);
  });
}

/**
 * The checks of the Python client in its 2026-07-28 mode (`--mode auto`: it probes
 * `server/discover` and adopts the revision): no handshake, every result with `resultType` and
 * `serverInfo` in `_meta`, elicitation as input rounds (`InputRequiredResult` with sealed
 * `requestState`, answered by the SDK's driver through its elicitation callback).
 */
export function pythonModernClientChecks(run: () => Promise<PythonReport>): void {
  const read = reportOf(run);
  const section = read.section;
  const serverMeta = {
    'io.modelcontextprotocol/serverInfo': expect.objectContaining({ name: 'rxmcp-everything-server' }),
  };

  it('server/discover: the client negotiated 2026-07-28 and knows the server and its capabilities', () => {
    expect(section('server')).toMatchObject({
      name: 'rxmcp-everything-server',
      protocolVersion: '2026-07-28',
      capabilities: { tools: { listChanged: true }, resources: { subscribe: true }, prompts: {}, completions: {} },
    });
  });

  it('tools: lists and calls them; results carry resultType and serverInfo; unknown tools are -32602', () => {
    const tools = section('tools');
    const listed = tools['tools'] as Array<{ name: string; inputSchema: Section }>;
    expect(listed.map((tool) => tool.name).sort()).toEqual([...EVERYTHING_TOOLS].sort());
    expect(listed.find((tool) => tool.name === 'json_schema_2020_12_tool')?.inputSchema).toEqual(
      JSON_SCHEMA_2020_12_INPUT,
    );
    expect(tools['simple']).toMatchObject({
      resultType: 'complete',
      _meta: serverMeta,
      content: [{ type: 'text', text: SIMPLE_TEXT }],
      isError: false,
    });
    expect(tools['image']['content']).toEqual([{ type: 'image', mimeType: 'image/png', data: PNG }]);
    expect(textOf(tools['schemaTool'])).toBe(
      `Received: ${JSON.stringify({ name: 'Ada', address: { street: '1 Loop', city: 'Zürich' } })}`,
    );
    expect(tools['badArguments']).toMatchObject({ isError: true });
    expect(tools['errorTool']).toMatchObject({ isError: true });
    expect(tools['unknownTool']).toMatchObject({ error: { code: -32602 } });
  });

  it('progress: 0, 50 and 100 of 100 on the request, before its result', () => {
    const progress = section('progress');
    expect(progress['updates']).toEqual([
      { progress: 0, total: 100, message: 'Starting' },
      { progress: 50, total: 100, message: 'Halfway' },
      { progress: 100, total: 100, message: 'Done' },
    ]);
    expect(progress['result']).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'Tool with progress executed successfully' }],
    });
  });

  it('elicitation (MRTR): an InputRequiredResult with a sealed requestState, then the answered retry', () => {
    const elicitation = section('elicitation');
    expect(elicitation['firstLeg']).toMatchObject({
      resultType: 'input_required',
      inputRequests: expect.any(Object),
      requestState: expect.stringMatching(/^[A-Za-z0-9_.-]{40,}$/),
    });
    const [key] = Object.keys(elicitation['firstLeg']['inputRequests'] as object);
    expect(elicitation['firstLeg']['inputRequests'][key!]).toMatchObject({
      method: 'elicitation/create',
      params: { message: 'Who are you?' },
    });
    expect(elicitation['result']).toMatchObject({
      resultType: 'complete',
      content: [
        { type: 'text', text: 'User response: action=accept, content={"username":"ada","email":"ada@example.com"}' },
      ],
    });
    expect(elicitation['requests']).toEqual([expect.objectContaining({ message: 'Who are you?' })]);
  });

  it('resources: lists and reads them with caching hints; an unknown one is -32602 (this revision)', () => {
    const resources = section('resources');
    expect((resources['resources'] as Section[]).map((resource) => resource['uri']).sort()).toEqual(
      EVERYTHING_RESOURCE_URIS,
    );
    expect(resources['text']).toMatchObject({
      resultType: 'complete',
      ttlMs: expect.any(Number),
      cacheScope: expect.stringMatching(/^(public|private)$/),
    });
    expect(resources['text']['contents']).toEqual([
      { uri: 'test://static-text', mimeType: 'text/plain', text: 'This is the content of the static text resource.' },
    ]);
    expect(resources['binary']['contents']).toEqual([
      { uri: 'test://static-binary', mimeType: 'image/png', blob: PNG },
    ]);
    expect(resources['unknown']).toMatchObject({ error: { code: -32602 } });
  });

  it('prompts: lists, gets and completes them; a missing argument is -32602', () => {
    const prompts = section('prompts');
    expect((prompts['prompts'] as Section[]).map((prompt) => prompt['name']).sort()).toEqual(PROMPT_NAMES);
    expect(prompts['withArguments']['messages']).toEqual([
      { role: 'user', content: { type: 'text', text: "Prompt with arguments: arg1='hello', arg2='world'" } },
    ]);
    expect(prompts['missingArgument']).toMatchObject({ error: { code: -32602 } });
    expect(prompts['completion']['values']).toEqual(['test', 'testValue1']);
    expect(read.report?.['stray']).toEqual([]);
  });
}
