/**
 * The fixtures of the everything server that the 2026-07-28 conformance scenarios (0.2.0-alpha.12)
 * look for: diagnostic tools of `server-stateless`, the MRTR tools and prompt of
 * `input-required-result-*`, and an `x-mcp-header` tool for the SEP-2243 header checks. Handlers
 * use `ctx.elicit`/`ctx.sample`/`ctx.listRoots` as on a 2025 session: on a 2026-07-28 request
 * they become `InputRequiredResult` rounds.
 */
import { concatMap, forkJoin, map, of } from 'rxjs';
import type { McpServer } from '../lib/server/index.js';

const text = (value: string) => ({ type: 'text' as const, text: value });
const form = (message: string, field: string, type: 'string' | 'boolean' = 'string') => ({
  message,
  requestedSchema: {
    type: 'object' as const,
    properties: { [field]: { type } as { type: 'string' } },
    required: [field],
  },
});
const field = (answer: { content?: Record<string, unknown> }, name: string) => String(answer.content?.[name] ?? '');

/** Registers the 2026-07-28 fixtures on `server`. */
export function registerModernFixtures(server: McpServer): void {
  server.tool(
    'test_x_mcp_header',
    {
      description: 'Mirrors its region argument into the Mcp-Param-Region header (SEP-2243)',
      inputSchema: {
        type: 'object',
        properties: {
          region: { type: 'string', description: 'Mirrored into Mcp-Param-Region', 'x-mcp-header': 'Region' },
          level: { type: 'integer', description: 'Not mirrored' },
        },
      },
    },
    (args) => `region=${String((args as { region?: string }).region ?? '<none>')}`,
  );

  server.tool(
    'test_missing_capability',
    { description: 'Needs the sampling capability (refused with -32021 when undeclared)' },
    (_args, ctx) =>
      ctx
        .sample({ messages: [{ role: 'user', content: text('Say hello') }], maxTokens: 20 })
        .pipe(map(() => 'sampled')),
  );

  server.tool(
    'test_streaming_elicitation',
    { description: 'Elicits input (an InputRequiredResult on 2026-07-28, never a request on the stream)' },
    (_args, ctx) =>
      ctx.elicit(form('What is your name?', 'name')).pipe(map((answer) => `Hello, ${field(answer, 'name')}!`)),
  );

  server.tool(
    'test_logging_tool',
    { description: 'Logs while it runs (delivered only at the level the request asks for)' },
    (_args, ctx) => {
      ctx.log('info', 'test_logging_tool started');
      ctx.log('info', 'test_logging_tool finished');
      return 'Logged twice';
    },
  );

  let toggled: { remove(): void } | undefined;
  server.tool('test_trigger_tool_change', { description: 'Adds or removes a tool (tools list changes)' }, () => {
    if (toggled) {
      toggled.remove();
      toggled = undefined;
    } else
      toggled = server.tool('test_dynamic_tool', { description: 'Added by test_trigger_tool_change' }, () => 'dynamic');
    return 'Tool list changed';
  });

  let prompt: { remove(): void } | undefined;
  server.tool('test_trigger_prompt_change', { description: 'Adds or removes a prompt (prompts list changes)' }, () => {
    if (prompt) {
      prompt.remove();
      prompt = undefined;
    } else
      prompt = server.prompt(
        'test_dynamic_prompt',
        { description: 'Added by test_trigger_prompt_change' },
        () => 'dynamic',
      );
    return 'Prompt list changed';
  });

  server.tool(
    'test_input_required_result_elicitation',
    { description: 'Asks for the user name (MRTR)' },
    (_args, ctx) =>
      ctx
        .elicit(form('What is your name?', 'name'), { inputKey: 'user_name' })
        .pipe(map((answer) => `Hello, ${field(answer, 'name')}!`)),
  );

  server.tool(
    'test_input_required_result_sampling',
    { description: "Asks the client's model a question (MRTR)" },
    (_args, ctx) =>
      ctx
        .sample(
          { messages: [{ role: 'user', content: text('What is the capital of France?') }], maxTokens: 100 },
          { inputKey: 'capital_question' },
        )
        .pipe(map((answer) => `Model says: ${JSON.stringify(answer.content)}`)),
  );

  server.tool(
    'test_input_required_result_list_roots',
    { description: "Asks for the client's roots (MRTR)" },
    (_args, ctx) =>
      ctx
        .listRoots({ inputKey: 'client_roots' })
        .pipe(map(({ roots }) => `Roots: ${roots.map((root) => root.uri).join(', ')}`)),
  );

  for (const name of ['test_input_required_result_request_state', 'test_input_required_result_tampered_state']) {
    server.tool(
      name,
      { description: 'Asks for a confirmation; the retry must echo the sealed requestState' },
      (_args, ctx) =>
        // A retry only reaches the handler once its requestState has been verified.
        ctx
          .elicit(form('Please confirm', 'ok', 'boolean'), { inputKey: 'confirm' })
          .pipe(map((answer) => `state-ok: confirmed=${field(answer, 'ok')}`)),
    );
  }

  server.tool(
    'test_input_required_result_multiple_inputs',
    { description: 'Asks for input of three kinds at once (MRTR)' },
    (_args, ctx) =>
      forkJoin({
        user: ctx.elicit(form('What is your name?', 'name'), { inputKey: 'user_name' }),
        greeting: ctx.sample(
          { messages: [{ role: 'user', content: text('Generate a greeting') }], maxTokens: 50 },
          { inputKey: 'greeting' },
        ),
        roots: ctx.listRoots({ inputKey: 'client_roots' }),
      }).pipe(map(({ user, roots }) => `Hello ${field(user, 'name')}, ${roots.roots.length} root(s)`)),
  );

  server.tool(
    'test_input_required_result_multi_round',
    { description: 'Asks two questions, one per round (MRTR)' },
    (_args, ctx) =>
      ctx.elicit(form('Step 1: What is your name?', 'name'), { inputKey: 'step1' }).pipe(
        concatMap((step1) =>
          ctx
            .elicit(form('Step 2: What is your favorite color?', 'color'), { inputKey: 'step2' })
            .pipe(map((step2) => ({ step1, step2 }))),
        ),
        map(({ step1, step2 }) => `${field(step1, 'name')} likes ${field(step2, 'color')}`),
      ),
  );

  server.tool(
    'test_input_required_result_capabilities',
    { description: 'Asks only for what the client declared (MRTR)' },
    (_args, ctx) => {
      const declared = ctx.client?.capabilities ?? {};
      const asks = [];
      if (declared.sampling)
        asks.push(
          ctx
            .sample(
              { messages: [{ role: 'user', content: text('Pick a number') }], maxTokens: 10 },
              { inputKey: 'number' },
            )
            .pipe(map(() => 'sampled')),
        );
      if (declared.elicitation)
        asks.push(ctx.elicit(form('Pick a color', 'color'), { inputKey: 'color' }).pipe(map(() => 'elicited')));
      return asks.length === 0 ? of('Nothing to ask') : forkJoin(asks).pipe(map((done) => done.join(', ')));
    },
  );

  server.prompt(
    'test_input_required_result_prompt',
    { description: 'A prompt that asks for context first (MRTR)' },
    (_args, ctx) =>
      ctx
        .elicit(form('What context should the prompt use?', 'context'), { inputKey: 'user_context' })
        .pipe(map((answer) => `Use this context: ${field(answer, 'context')}`)),
  );
}
