// The conformance "everything server" (demo/everything-server.ts) over the memory transport: every
// answer must be accepted by the official 2025-11-25 schema. (`npm run conformance` runs the
// official conformance suite against the same server over HTTP.)
import everythingServer from '../../demo/everything-server.js';
import { call, expectOfficial, initializedClient } from './helpers.js';

describe('everything server', () => {
  it('answers every list, tool, resource and prompt with what the official schema accepts', async () => {
    const client = await initializedClient(everythingServer, { sampling: {}, elicitation: {}, roots: {} });
    client.setRequestHandler('roots/list', () => ({ roots: [{ uri: 'file:///r' }] }));
    client.setRequestHandler('sampling/createMessage', () => ({
      model: 'm',
      role: 'assistant',
      content: { type: 'text', text: 'hi' },
    }));
    client.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { response: 'yes' } }));

    const tools = await call(client, 'tools/list');
    expectOfficial('ListToolsResult', tools);
    const argumentsOf: Record<string, Record<string, unknown>> = {
      test_sampling: { prompt: 'p' },
      test_elicitation: { message: 'm' },
      json_schema_2020_12_tool: { name: 'n' },
      greet: { name: 'n' },
      slow_compute: { seconds: 0 },
      confirm_delete: { filename: 'f' },
    };
    // Tools that require a task (-32601 without params.task) or fail with a JSON-RPC error: spec/server/tasks covers them.
    const notPlainCalls = new Set(['failing_job', 'test_tool_with_task', 'protocol_error_job']);
    for (const tool of tools.tools as Array<{ name: string }>) {
      if (tool.name === 'test_tool_with_logging' || tool.name === 'test_tool_with_progress') continue; // real timers
      if (notPlainCalls.has(tool.name)) continue;
      const answer = await call(client, 'tools/call', { name: tool.name, arguments: argumentsOf[tool.name] ?? {} });
      expectOfficial('CallToolResult', answer);
      expect(answer.isError === true).toBe(tool.name === 'test_error_handling');
    }
    expect(
      (await call(client, 'tools/call', { name: 'test_sampling', arguments: { prompt: 'p' } })).content[0].text,
    ).toBe('LLM response: hi');

    const resources = await call(client, 'resources/list');
    expectOfficial('ListResourcesResult', resources);
    for (const uri of [...resources.resources.map((r: { uri: string }) => r.uri), 'test://template/7/data']) {
      expectOfficial('ReadResourceResult', await call(client, 'resources/read', { uri }));
    }
    expectOfficial('ListResourceTemplatesResult', await call(client, 'resources/templates/list'));

    const prompts = await call(client, 'prompts/list');
    expectOfficial('ListPromptsResult', prompts);
    const promptArgs: Record<string, Record<string, string>> = {
      test_prompt_with_arguments: { arg1: 'a', arg2: 'b' },
      test_prompt_with_embedded_resource: { resourceUri: 'test://x' },
    };
    for (const prompt of prompts.prompts as Array<{ name: string }>) {
      expectOfficial(
        'GetPromptResult',
        await call(client, 'prompts/get', { name: prompt.name, arguments: promptArgs[prompt.name] ?? {} }),
      );
    }
    expectOfficial(
      'CompleteResult',
      await call(client, 'completion/complete', {
        ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
        argument: { name: 'arg1', value: '' },
      }),
    );
  });
});
