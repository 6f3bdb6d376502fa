import { McpServer } from '../../lib/server/mcp-server.js';
import { decodeCursor, encodeCursor, paginate } from '../../lib/server/pagination.js';
import { call, expectOfficial, initializedClient } from './helpers.js';

describe('paginate', () => {
  it('slices pages with opaque cursors until the last page', () => {
    const items = Array.from({ length: 5 }, (_, i) => i);
    const first = paginate(items, undefined, 2);
    expect(first).toEqual({ items: [0, 1], nextCursor: encodeCursor(2) });
    expect(first.nextCursor).not.toMatch(/^\d+$/);
    const second = paginate(items, first.nextCursor, 2);
    expect(second.items).toEqual([2, 3]);
    expect(paginate(items, second.nextCursor, 2)).toEqual({ items: [4] });
    expect(decodeCursor(encodeCursor(1234))).toBe(1234);
  });

  it.each(['not base64!', btoa('offset:-1'), btoa('offset:1.5'), btoa('elsewhere:3'), btoa('offset:99')])(
    'refuses cursor %s with -32602',
    (cursor) => {
      expect(() => paginate([1, 2, 3], cursor, 2)).toThrow(expect.objectContaining({ kind: 'protocol', code: -32602 }));
    },
  );
});

describe('paginated lists', () => {
  const server = new McpServer({ name: 'many', version: '1.0.0' }, { pageSize: 100 });
  for (let i = 0; i < 230; i++) {
    server.tool(`tool-${i}`, {}, () => String(i));
    server.prompt(`prompt-${i}`, {}, () => String(i));
    server.resource(`test://r/${i}`, { name: `r${i}` }, () => String(i));
  }
  for (let i = 0; i < 3; i++) server.resourceTemplate(`test://t${i}/{id}`, { name: `t${i}` }, () => '');

  it.each([
    ['tools/list', 'tools', 'ListToolsResult'],
    ['prompts/list', 'prompts', 'ListPromptsResult'],
    ['resources/list', 'resources', 'ListResourcesResult'],
  ])('%s walks every item with nextCursor', async (method, key, def) => {
    const client = await initializedClient(server);
    const seen: unknown[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(client, method, cursor === undefined ? {} : { cursor });
      expectOfficial(def, page);
      sizes.push(page[key].length);
      seen.push(...page[key].map((item: { name: string }) => item.name));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(sizes).toEqual([100, 100, 30]);
    expect(new Set(seen).size).toBe(230);
  });

  it('paginates templates too, and answers an invalid cursor with -32602', async () => {
    const small = new McpServer({ name: 'few', version: '1' }, { pageSize: 2 });
    for (let i = 0; i < 3; i++) small.resourceTemplate(`test://t${i}/{id}`, { name: `t${i}` }, () => '');
    const c = await initializedClient(small);
    const first = await call(c, 'resources/templates/list');
    expect(first.resourceTemplates.map((t: { name: string }) => t.name)).toEqual(['t0', 't1']);
    expect((await call(c, 'resources/templates/list', { cursor: first.nextCursor })).resourceTemplates).toHaveLength(1);
    await expect(call(c, 'resources/templates/list', { cursor: 'garbage' })).rejects.toMatchObject({ code: -32602 });
    await expect(call(await initializedClient(server), 'tools/list', { cursor: 'garbage' })).rejects.toMatchObject({
      code: -32602,
    });
  });
});
