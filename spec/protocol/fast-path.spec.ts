import { CallToolRequestParamsSchema, CallToolResultSchema } from '../../lib/protocol/index.js';
import {
  isPlainCallToolParams,
  isPlainCallToolResult,
  isPlainRequestEnvelope,
  withFastPath,
} from '../../lib/protocol/fast-path.js';
import { RequestEnvelopeSchema } from '../../lib/protocol/modern.js';
import { officialAccepts } from './oracle.js';

/** Values around the edge of each guard: what it takes must be what the schema takes, unchanged. */
const PARAMS: unknown[] = [
  { name: 'echo', arguments: { text: 'hi' } },
  { name: 'echo' },
  { name: 'echo', arguments: {} },
  { name: 'echo', arguments: Object.create(null) },
  { name: 'echo', arguments: { nested: { a: [1, 2] } }, _meta: { progressToken: 1 } },
  { name: 'echo', _meta: { progressToken: 'tok', vendor: { x: 1 } } },
  { name: 'echo', _meta: {} },
  { name: 'echo', extra: 'kept' },
  { name: 'echo', _meta: { progressToken: Infinity } },
  { name: 'echo', _meta: { progressToken: NaN } },
  { name: 'echo', _meta: { progressToken: null } },
  { name: 'echo', _meta: { progressToken: true } },
  { name: 'echo', _meta: [] },
  { name: 'echo', _meta: null },
  { name: 'echo', arguments: [] },
  { name: 'echo', arguments: null },
  { name: 'echo', arguments: 'text' },
  { name: 'echo', arguments: new Date() },
  { name: 'echo', task: { ttl: 1000 } },
  { name: 'echo', task: 'soon' },
  { name: 1 },
  {},
  [],
  null,
  'echo',
];

const RESULTS: unknown[] = [
  { content: [{ type: 'text', text: 'hi' }] },
  { content: [] },
  {
    content: [
      { type: 'text', text: '' },
      { type: 'text', text: 'b', extra: 1 },
    ],
    isError: true,
  },
  { content: [{ type: 'text', text: 'x' }], isError: false, vendor: 'kept' },
  { content: [{ type: 'text', text: 'x', annotations: { priority: 0.5 } }] },
  { content: [{ type: 'text', text: 'x', annotations: { priority: 7 } }] },
  { content: [{ type: 'text', text: 'x', _meta: { a: 1 } }] },
  { content: [{ type: 'image', data: 'AAAA', mimeType: 'image/png' }] },
  { content: [{ type: 'text', text: 1 }] },
  { content: [{ type: 'text' }] },
  { content: [{ type: 'texts', text: 'x' }] },
  { content: [null] },
  { content: [[]] },
  { content: {} },
  { content: 'x' },
  {},
  { content: [{ type: 'text', text: 'x' }], isError: 'yes' },
  { content: [{ type: 'text', text: 'x' }], structuredContent: { a: 1 } },
  { content: [{ type: 'text', text: 'x' }], structuredContent: [] },
  { content: [{ type: 'text', text: 'x' }], _meta: { a: 1 } },
  { content: [{ type: 'text', text: 'x' }], _meta: 'no' },
  null,
  [],
];

const V = 'io.modelcontextprotocol/protocolVersion';
const C = 'io.modelcontextprotocol/clientCapabilities';
const I = 'io.modelcontextprotocol/clientInfo';
const L = 'io.modelcontextprotocol/logLevel';
const ENVELOPES: unknown[] = [
  { [V]: '2026-07-28', [C]: {} },
  { [V]: '2026-07-28', [C]: {}, [I]: { name: 'c', version: '1' } },
  { [V]: '2026-07-28', [C]: { vendor: { x: 1 } }, [I]: { name: 'c', version: '1' }, progressToken: 3 },
  { [V]: '2026-07-28', [C]: Object.create(null) },
  { [V]: '2026-07-28', [C]: { roots: { listChanged: true } } },
  { [V]: '2026-07-28', [C]: { roots: 'yes' } },
  { [V]: '2026-07-28', [C]: { sampling: {} } },
  { [V]: '2026-07-28', [C]: { elicitation: { form: 1 } } },
  { [V]: '2026-07-28', [C]: { experimental: [] } },
  { [V]: '2026-07-28', [C]: { tasks: null } },
  { [V]: '2026-07-28', [C]: [] },
  { [V]: '2026-07-28', [C]: null },
  { [V]: '2026-07-28' },
  { [V]: 2026, [C]: {} },
  { [C]: {} },
  { [V]: '2026-07-28', [C]: {}, [I]: { name: 'c' } },
  { [V]: '2026-07-28', [C]: {}, [I]: { name: 'c', version: 1 } },
  { [V]: '2026-07-28', [C]: {}, [I]: { name: 'c', version: '1', title: 7 } },
  { [V]: '2026-07-28', [C]: {}, [I]: { name: 'c', version: '1', icons: 'x' } },
  { [V]: '2026-07-28', [C]: {}, [I]: null },
  { [V]: '2026-07-28', [C]: {}, [L]: 'debug' },
  { [V]: '2026-07-28', [C]: {}, [L]: 'loud' },
  new Date(),
  null,
  [],
];

describe('fast paths', () => {
  it.each([
    ['isPlainCallToolParams', isPlainCallToolParams, CallToolRequestParamsSchema, PARAMS],
    ['isPlainCallToolResult', isPlainCallToolResult, CallToolResultSchema, RESULTS],
    ['isPlainRequestEnvelope', isPlainRequestEnvelope, RequestEnvelopeSchema, ENVELOPES],
  ] as const)(
    '%s accepts only what the schema accepts, and the schema would return it unchanged',
    (_, guard, schema, values) => {
      let accepted = 0;
      for (const value of values) {
        if (!guard(value)) continue;
        accepted++;
        const parsed = schema.safeParse(value);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(value);
      }
      expect(accepted).toBeGreaterThan(3);
    },
  );

  it('takes the common shapes', () => {
    expect(isPlainCallToolParams({ name: 'echo', arguments: { text: 'hi' } })).toBe(true);
    expect(isPlainCallToolParams({ name: 'echo', arguments: { text: 'hi' }, _meta: { progressToken: 3 } })).toBe(true);
    expect(isPlainCallToolResult({ content: [{ type: 'text', text: 'hi' }] })).toBe(true);
    expect(isPlainCallToolResult({ content: [{ type: 'text', text: 'hi' }], isError: true })).toBe(true);
    expect(
      isPlainRequestEnvelope({ [V]: '2026-07-28', [C]: {}, [I]: { name: 'raw-bench-client', version: '1.0.0' } }),
    ).toBe(true);
  });

  it('accepted results are valid CallToolResults by the official schema', () => {
    for (const value of RESULTS.filter(isPlainCallToolResult))
      expect(officialAccepts('CallToolResult', value)).toBe(true);
  });

  it('withFastPath returns an accepted value itself and leaves the rest (and every error) to the schema', () => {
    const params = withFastPath(CallToolRequestParamsSchema, isPlainCallToolParams);
    const value = { name: 'echo', arguments: { text: 'hi' } };
    expect(params.safeParse(value)).toEqual({ success: true, data: value });
    expect((params.safeParse(value) as { data: unknown }).data).toBe(value);
    const withTask = { name: 'echo', task: { ttl: 5 } };
    expect(params.safeParse(withTask)).toEqual(CallToolRequestParamsSchema.safeParse(withTask));
    const bad = params.safeParse({ name: 1 });
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.error.message).toBe(CallToolRequestParamsSchema.safeParse({ name: 1 }).error?.message);
  });
});
