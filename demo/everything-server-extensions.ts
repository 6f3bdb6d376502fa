/**
 * The fixtures of the everything server for the extension scenarios of the conformance suite
 * (0.2.0-alpha.12): the tasks extension (`tasks-*`, SEP-2663) — a sync tool, task-supporting
 * tools that compute, fail, elicit and hand over to a task after an MRTR round — and skills
 * (`sep-2640-*`).
 */
import { forkJoin, map, switchMap, timer } from 'rxjs';
import * as z from 'zod';
import { ErrorCode, McpError } from '../lib/protocol/errors.js';
import { runAsTask, type McpServer } from '../lib/server/index.js';

const confirmForm = (message: string, field = 'confirm') => ({
  message,
  requestedSchema: {
    type: 'object' as const,
    properties: { [field]: { type: 'boolean' as const } },
    required: [field],
  },
});
const nameForm = (message: string) => ({
  message,
  requestedSchema: { type: 'object' as const, properties: { name: { type: 'string' as const } }, required: ['name'] },
});

/** Registers the tasks fixtures on `server`. */
export function registerTaskFixtures(server: McpServer): void {
  server.tool(
    'greet',
    { description: 'Greets synchronously (never a task)', inputSchema: z.object({ name: z.string() }) },
    ({ name }) => `Hello, ${name}!`,
  );

  server.tool(
    'slow_compute',
    {
      description: 'Sleeps `seconds` seconds, then answers; runs as a task when the client allows',
      inputSchema: z.object({ seconds: z.number().min(0), label: z.string().optional() }),
      execution: { taskSupport: 'optional' },
    },
    ({ seconds, label }, ctx) => {
      ctx.progress(0, 1, `Computing ${label ?? 'result'}`);
      return timer(seconds * 1000).pipe(map(() => `Computed ${label ?? 'result'} after ${seconds}s`));
    },
  );

  server.tool(
    'failing_job',
    { description: 'Reports a tool error after a moment (task required)', execution: { taskSupport: 'required' } },
    () =>
      timer(300).pipe(
        map(() => {
          throw new Error('The job failed');
        }),
      ),
  );

  server.tool(
    'protocol_error_job',
    { description: 'Fails with a JSON-RPC error (the task fails)', execution: { taskSupport: 'optional' } },
    () =>
      timer(100).pipe(
        map(() => {
          throw McpError.protocol(ErrorCode.InternalError, 'The job crashed');
        }),
      ),
  );

  server.tool(
    'confirm_delete',
    {
      description: 'Asks the user to confirm, then deletes',
      inputSchema: z.object({ filename: z.string() }),
      execution: { taskSupport: 'optional' },
    },
    ({ filename }, ctx) =>
      ctx
        .elicit(confirmForm(`Delete ${filename}?`))
        .pipe(
          map((answer) =>
            answer.action === 'accept' && answer.content?.['confirm'] !== false
              ? `Deleted ${filename}`
              : `Kept ${filename}`,
          ),
        ),
  );

  server.tool(
    'multi_input',
    { description: 'Asks two questions at once', execution: { taskSupport: 'optional' } },
    (_args, ctx) =>
      forkJoin([ctx.elicit(nameForm('First name?')), ctx.elicit(nameForm('Second name?'))]).pipe(
        map(([first, second]) => `Got ${String(first.content?.['name'])} and ${String(second.content?.['name'])}`),
      ),
  );

  server.tool(
    'test_tool_with_task',
    {
      description: 'Asks for a name (MRTR), then continues as a task',
      execution: { taskSupport: 'required' },
      task: { start: 'handler' },
    },
    (_args, ctx) =>
      ctx
        .elicit(nameForm('What is your name?'), { inputKey: 'user_name' })
        .pipe(
          switchMap((answer) =>
            runAsTask(ctx, () => timer(200).pipe(map(() => `Task finished for ${String(answer.content?.['name'])}`))),
          ),
        ),
  );
}

/** Registers the skills fixtures (SEP-2640) on `server`. */
export function registerSkillFixtures(server: McpServer): void {
  server.skill('pdf-processing', {
    'SKILL.md': [
      '---',
      'name: pdf-processing',
      'description: Extract, fill, and assemble PDF documents',
      'license: Apache-2.0',
      'metadata:',
      '  version: "2.1.0"',
      '---',
      '# PDF processing',
      '',
      'Fill forms as described in references/FORMS.md; pick a template from templates/.',
      '',
    ].join('\n'),
    'references/FORMS.md': '# Forms\n\nRead the field names first, then fill each field.\n',
    'templates/invoice.md': '# Invoice\n\nNumber: {{number}}\n',
    'templates/regional/eu-invoice.md': '# EU invoice\n\nVAT: {{vat}}\n',
  });
  server.skill('acme/billing/refunds', {
    'SKILL.md':
      '---\nname: refunds\ndescription: Process customer refund requests per company policy\n---\n# Refunds\n\nAnswer with examples/email.md.\n',
    'examples/email.md': 'Dear customer,\n\nYour refund is on its way.\n',
  });
}
