import {
  ajvJsonSchemaValidator,
  defaultJsonSchemaValidator,
  describeJsonSchemaIssues,
  type JsonSchemaValidator,
} from '../../lib/schema/index.js';

const engines: Array<[string, JsonSchemaValidator]> = [
  ['default (interpreted)', defaultJsonSchemaValidator],
  ['ajv', ajvJsonSchemaValidator()],
];

describe.each(engines)('JSON Schema engine: %s', (_name, engine) => {
  it('accepts a matching value and locates each issue of one that does not', () => {
    const check = engine.compile({
      type: 'object',
      properties: { n: { type: 'number' }, s: { type: 'string' } },
      required: ['n'],
    });
    expect(check({ n: 1 })).toEqual([]);
    const issues = check({ n: 'x', s: 2 });
    expect(issues.map((issue) => issue.path).sort()).toEqual(['/n', '/s']);
  });

  it('follows $ref into $defs and honours 2020-12 prefixItems', () => {
    const check = engine.compile({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] } },
      properties: { p: { $ref: '#/$defs/pair' } },
    });
    expect(check({ p: ['a', 1] })).toEqual([]);
    expect(check({ p: [1, 'a'] }).length).toBeGreaterThan(0);
  });

  it('keeps two schemas that share an $id apart', () => {
    const a = engine.compile({ $id: 'https://example.com/same.json', type: 'object', required: ['a'] });
    const b = engine.compile({ $id: 'https://example.com/same.json', type: 'object', required: ['b'] });
    expect(a({ a: 1 })).toEqual([]);
    expect(b({ b: 1 })).toEqual([]);
    expect(b({ a: 1 }).length).toBeGreaterThan(0);
  });

  it('checks formats', () => {
    const check = engine.compile({ type: 'object', properties: { at: { type: 'string', format: 'date-time' } } });
    expect(check({ at: '2026-12-02T03:00:00Z' })).toEqual([]);
    expect(check({ at: 'yesterday' }).length).toBeGreaterThan(0);
  });
});

describe('the default engine', () => {
  it('validates with the dialect a schema declares (draft-07 items as a tuple)', () => {
    const check = defaultJsonSchemaValidator.compile({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'string' }],
    });
    expect(check(['a', 1])).toEqual([]);
    expect(check([1]).length).toBeGreaterThan(0);
  });

  it('reports the failing leaf, not the keywords that only wrap it', () => {
    const check = defaultJsonSchemaValidator.compile({
      type: 'object',
      properties: { a: { type: 'object', properties: { b: { type: 'number' } } } },
    });
    expect(check({ a: { b: 'x' } })).toEqual([
      { path: '/a/b', message: 'Instance type "string" is invalid. Expected "number".' },
    ]);
  });
});

describe('describeJsonSchemaIssues', () => {
  it('names each path under the root, the root itself as /', () => {
    expect(describeJsonSchemaIssues([{ path: '/n', message: 'must be number' }], 'arguments')).toBe(
      'arguments/n must be number',
    );
    expect(describeJsonSchemaIssues([{ path: '', message: 'is wrong' }])).toBe('/ is wrong');
    expect(describeJsonSchemaIssues([{ path: '', message: 'is wrong' }], 'arguments')).toBe('arguments is wrong');
  });
});
