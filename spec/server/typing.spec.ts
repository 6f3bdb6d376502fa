/**
 * Compile-time checks of the registration API's inference (run by `tsc`; jest only runs them).
 */
import { of } from 'rxjs';
import * as z from 'zod';
import { McpServer } from '../../lib/server/mcp-server.js';

const server = new McpServer({ name: 'typed', version: '1.0.0' });

describe('registration typing', () => {
  it('infers tool arguments from zod and structuredContent from the output schema', () => {
    const handle = server.tool(
      'typed-add',
      {
        inputSchema: z.object({ a: z.number(), b: z.number().default(1) }),
        outputSchema: z.object({ sum: z.number() }),
      },
      ({ a, b }) => {
        const sum: number = a + b;
        return of({ structuredContent: { sum } });
      },
    );
    server.tool(
      'bad-output',
      { outputSchema: z.object({ sum: z.number() }) },
      // @ts-expect-error -- structuredContent must match the output schema
      () => ({ structuredContent: { sum: 'negative' } }),
    );
    // @ts-expect-error -- update keeps the handler's types
    handle.update({ handler: ({ a }: { a: string }) => a });
    server.tool('raw', { inputSchema: { type: 'object', properties: { x: { type: 'string' } } } as const }, (args) => {
      const x: unknown = args['x'];
      return String(x);
    });
    server.tool('none', {}, (args) => Object.keys(args).join());
    expect(handle.enabled).toBe(true);
  });

  it('infers template variables and completion keys from the template string', () => {
    server.resourceTemplate(
      'test://typed/{org}/{id}{?rev}',
      { name: 'typed', complete: { org: () => ['a'], id: () => ['1'], rev: () => [] } },
      (uri, { org, id, rev }) => {
        const required: string = org + id;
        const optional: string | undefined = rev;
        return `${uri} ${required} ${optional}`;
      },
    );
    server.resourceTemplate(
      'test://typed2/{id}',
      // @ts-expect-error -- not a variable of the template
      { name: 'typed2', complete: { nope: () => [] } },
      () => '',
    );
    expect(true).toBe(true);
  });

  it('infers prompt arguments from zod objects and from const argument lists', () => {
    server.prompt(
      'zod',
      { arguments: z.object({ topic: z.string(), depth: z.string().optional() }), complete: { topic: () => [] } },
      ({ topic, depth }) => {
        const t: string = topic;
        const d: string | undefined = depth;
        return `${t}${d}`;
      },
    );
    server.prompt('list', { arguments: [{ name: 'city', required: true }] }, ({ city }) => `${city}`);
    // @ts-expect-error -- not an argument of the prompt
    server.prompt('list2', { arguments: [{ name: 'city' }] }, ({ town }) => `${town}`);
    expect(true).toBe(true);
  });
});
