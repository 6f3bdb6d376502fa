/**
 * `npm run demo`: a guided tour of rxmcp. One `McpClient` talks to the everything server in this
 * process over the memory transport (sections 1–7), then another runs the same server as a child
 * process over stdio (section 8). Every call is a cold Observable; the script awaits them with
 * `firstValueFrom` / `lastValueFrom`, which is fine at the top level of a script.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { concatMap, EMPTY, filter, finalize, firstValueFrom, lastValueFrom, take, tap, timer } from 'rxjs';
import {
  type CallToolResult,
  type ClientState,
  createMemoryTransportPair,
  type ElicitationHandler,
  McpClient,
  type SamplingHandler,
} from '../lib/index.js';
import { createStdioClientTransport } from '../lib/node/index.js';
import server, { touchWatchedResource } from './everything-server.js';
import { bold, dim, progressBar, say, section } from './tour/terminal.js';
import { wire$, wiretap } from './tour/wiretap.js';

const started = performance.now();
// Last-resort safety only: the tour ends by itself once everything is closed. If a leaked handle
// kept Node alive, fail loudly instead of hanging CI. unref(): this timer alone keeps nothing alive.
setTimeout(() => {
  console.error('tour: still running after 20 s, something was left open');
  process.exit(1);
}, 20_000).unref();

const clientInfo = { name: 'rxmcp-tour', version: '1.0.0' };

/** The text of a content block (or of several), other kinds shown by their type. */
const textOf = (content: unknown): string =>
  (Array.isArray(content) ? content : [content])
    .map((block: { type?: string; text?: string; blob?: string }) => block.text ?? `[${block.type ?? 'blob'}]`)
    .join(' ');

const showState = (who: string) => (state: ClientState) =>
  say(
    dim(
      `${who} state$ → ${state.status}${(state.status === 'closed' || state.status === 'reconnecting') && state.error ? ` (${state.error.message})` : ''}`,
    ),
  );

/** Calls a tool with `observe: 'events'`: progress drawn as a bar, log events printed, result shown. */
async function runTool(client: McpClient, name: string, args?: Record<string, unknown>): Promise<CallToolResult> {
  const bar = progressBar(name);
  const { result } = await lastValueFrom(
    client.callTool({ name, ...(args && { arguments: args }) }, { observe: 'events' }).pipe(
      tap((event) => {
        if (event.type === 'progress') bar.update(event);
        if (event.type === 'log') say(dim(`[log ${event.level}]`), event.data);
      }),
      filter((event) => event.type === 'result'),
      finalize(() => bar.done()),
    ),
  );
  say(`${name} →`, bold(textOf(result.content)));
  return result;
}

// The client's answers to the server's own requests.
const sampling: SamplingHandler = (params) => {
  say(
    dim('[sampling handler] the server asks the model:'),
    JSON.stringify(params.messages.map((m) => textOf(m.content)).join(' ')),
  );
  return {
    role: 'assistant',
    model: 'canned-model-1',
    stopReason: 'endTurn',
    content: { type: 'text', text: 'Observables, all the way down.' },
  };
};
const elicitation: ElicitationHandler = (params) => {
  say(dim('[elicitation handler]'), JSON.stringify(params.message));
  if (params.mode === 'url') return { action: 'decline' };
  const fields = Object.keys(params.requestedSchema.properties);
  say(dim('[elicitation handler] form fields:'), fields.join(', '));
  // The "user" fills in what they know; the client adds the schema's defaults for the rest (SEP-1034).
  const content: Record<string, string> = fields.includes('username')
    ? { username: 'ada', email: 'ada@example.com' }
    : { name: 'Ada Lovelace' };
  say(dim('[elicitation handler] accepting with'), JSON.stringify(content));
  return { action: 'accept', content };
};

// ── 1. connect in process ─────────────────────────────────────────────────────────────────────
section('Connect in process over the memory transport');
const client = new McpClient(
  () => {
    const [clientSide, serverSide] = createMemoryTransportPair();
    server.connect(serverSide);
    return wiretap(clientSide); // lets section 5 show what went over the wire
  },
  { clientInfo, handlers: { sampling, elicitation } },
);
const localState = client.state$.subscribe(showState('client'));
const held = client.connect(); // holds one shared connection for sections 1–7
const info = await firstValueFrom(client.connection$);
say(
  'server:',
  bold(`${info.serverInfo.title ?? info.serverInfo.name} ${info.serverInfo.version}`),
  `(protocol ${info.protocolVersion})`,
);
say('instructions:', info.instructions);
say('capabilities:', Object.keys(info.capabilities).join(', '));

// ── 2. tools ──────────────────────────────────────────────────────────────────────────────────
section('List tools');
const tools = await firstValueFrom(client.listTools());
say(`${tools.length} tools:`);
for (const tool of tools) say(`  ${tool.name.padEnd(34)}`, dim(tool.description ?? ''));

// ── 3. progress and logs ──────────────────────────────────────────────────────────────────────
section('A tool with live progress, a tool with request-scoped logs');
await runTool(client, 'test_tool_with_progress');
await lastValueFrom(client.setLoggingLevel('debug'), { defaultValue: undefined });
say('logging level set to debug');
await runTool(client, 'test_tool_with_logging');

// ── 4. resources ──────────────────────────────────────────────────────────────────────────────
section('Read resources');
const [text] = (await firstValueFrom(client.readResource('test://static-text'))).contents;
say('test://static-text       →', JSON.stringify(textOf(text)));
const [binary] = (await firstValueFrom(client.readResource('test://static-binary'))).contents;
const blob = binary && 'blob' in binary ? String(binary.blob) : '';
say('test://static-binary     →', `${binary?.mimeType}, ${Buffer.from(blob, 'base64').length} bytes (base64 blob)`);
const [template] = await firstValueFrom(client.listResourceTemplates());
const [data] = (await firstValueFrom(client.readResource('test://template/42/data'))).contents;
say(`template ${template?.uriTemplate} with id=42 →`, textOf(data));

// ── 5. a live resource ────────────────────────────────────────────────────────────────────────
section('Follow a resource subscription');
const WATCHED = 'test://watched-resource';
const traffic = wire$
  .pipe(
    filter(
      ({ method }) =>
        method === 'resources/subscribe' ||
        method === 'resources/unsubscribe' ||
        method === 'notifications/resources/updated',
    ),
  )
  .subscribe(({ direction, method }) => say(dim(`${direction === '→' ? 'client sent' : 'server sent'} ${method}`)));
await lastValueFrom(
  client.resource$(WATCHED).pipe(
    take(3), // the first read and two re-reads; then the watch ends and the client unsubscribes
    tap(({ contents }) => say('read:', bold(textOf(contents[0])))),
    // After each of the first two reads, bump the resource on the server (off the current call stack).
    concatMap((_, index) =>
      index < 2 ? timer(50).pipe(tap(() => (say('touchWatchedResource()'), touchWatchedResource()))) : EMPTY,
    ),
  ),
  { defaultValue: undefined },
);
traffic.unsubscribe();

// ── 6. prompts and completion ─────────────────────────────────────────────────────────────────
section('Get a prompt, complete arguments');
const prompt = await firstValueFrom(client.getPrompt('test_prompt_with_arguments', { arg1: 'hello', arg2: 'world' }));
for (const message of prompt.messages) say(`${message.role}:`, bold(textOf(message.content)));
const promptRef = { type: 'ref/prompt', name: 'test_prompt_with_arguments' } as const;
const { completion } = await firstValueFrom(client.complete(promptRef, { name: 'arg1', value: 'te' }));
say('complete prompt arg1 "te"  →', completion.values);
const templateRef = { type: 'ref/resource', uri: 'test://template/{id}/data' } as const;
const ids = await firstValueFrom(client.complete(templateRef, { name: 'id', value: '1' }));
say('complete template id "1"   →', ids.completion.values);

// ── 7. the server asks the client ─────────────────────────────────────────────────────────────
section('Answer sampling and elicitation requests');
await runTool(client, 'test_sampling', { prompt: 'What is rxmcp built on?' });
await runTool(client, 'test_elicitation', { message: 'Who are you?' });
await runTool(client, 'test_elicitation_sep1034_defaults');

say('releasing the connection…');
held.unsubscribe();
localState.unsubscribe();
say('server sessions still open:', server.sessionCount);

// ── 8. a child process over stdio ─────────────────────────────────────────────────────────────
section('Run the server as a child process over stdio');
const root = fileURLToPath(new URL('..', import.meta.url));
const built = 'dist/node/cli/bin.js'; // built by `npm ci` (prepare); else run the TypeScript CLI through tsx
const cli = existsSync(`${root}${built}`) ? [built] : ['--import', 'tsx', 'lib/node/cli/bin.ts'];
const args = [...cli, 'run', 'demo/everything-server.ts'];
say('spawning:', dim(`node ${args.join(' ')}`));
// Nothing runs until the client subscribes; stderr$ is hot, so listen now. It completes when the child is gone.
const transport = createStdioClientTransport({ command: process.execPath, args, cwd: root, stderr: 'pipe' });
const childGone = lastValueFrom(transport.stderr$.pipe(tap((line) => say(dim(`[child stderr] ${line}`)))), {
  defaultValue: undefined,
});
const remote = new McpClient(() => transport, { clientInfo });
const remoteState = remote.state$.subscribe(showState('stdio client'));
const remoteHeld = remote.connect();
const remoteInfo = await firstValueFrom(remote.connection$);
say(`child pid ${transport.pid} is`, bold(remoteInfo.serverInfo.name));
say(`${(await firstValueFrom(remote.listTools())).length} tools over stdio`);
await runTool(remote, 'test_simple_text');
await runTool(remote, 'test_tool_with_progress');
say('releasing the connection: the child\u2019s stdin is closed…');
remoteHeld.unsubscribe();
await childGone;
remoteState.unsubscribe();
say(`child process ${transport.pid} exited`);

console.log(`\n${bold(`Tour finished in ${((performance.now() - started) / 1000).toFixed(1)} s.`)}`);
