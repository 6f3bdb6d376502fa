import { encodeHeaderValue, readHeaderParams, valueAtPath } from '../../lib/protocol/header-params.js';
import { messageHeaders } from '../../lib/transport/http/message-headers.js';

const schema = (properties: Record<string, unknown>) => ({ type: 'object', properties });

describe('readHeaderParams', () => {
  it('reads top-level and nested properties chains', () => {
    expect(
      readHeaderParams(
        schema({
          region: { type: 'string', 'x-mcp-header': 'Region' },
          opts: { type: 'object', properties: { level: { type: 'integer', 'x-mcp-header': 'Level' } } },
          q: { type: 'string' },
        }),
      ),
    ).toEqual({
      params: [
        { header: 'Region', path: ['region'] },
        { header: 'Level', path: ['opts', 'level'] },
      ],
    });
  });

  it.each([
    ['empty', { v: { type: 'string', 'x-mcp-header': '' } }],
    ['a space', { v: { type: 'string', 'x-mcp-header': 'My Region' } }],
    ['a colon', { v: { type: 'string', 'x-mcp-header': 'Region:Primary' } }],
    ['non-ASCII', { v: { type: 'string', 'x-mcp-header': 'Région' } }],
    ['a control character', { v: { type: 'string', 'x-mcp-header': 'Region\t1' } }],
    [
      'a duplicate in another case',
      { a: { type: 'string', 'x-mcp-header': 'MyField' }, b: { type: 'string', 'x-mcp-header': 'myfield' } },
    ],
    ['on an object', { v: { type: 'object', 'x-mcp-header': 'Data' } }],
    ['on an array', { v: { type: 'array', 'x-mcp-header': 'Items' } }],
    ['on a number', { v: { type: 'number', 'x-mcp-header': 'Ratio' } }],
    ['under items', { v: { type: 'array', items: { type: 'string', 'x-mcp-header': 'Item' } } }],
    ['under anyOf', { v: { anyOf: [{ type: 'string', 'x-mcp-header': 'Any' }] } }],
  ])('rejects an annotation that is %s', (_why, properties) => {
    expect(readHeaderParams(schema(properties))).toHaveProperty('problem');
  });
});

describe('encodeHeaderValue', () => {
  it.each([
    ['us-west1', 'us-west1'],
    ['us west 1', 'us west 1'],
    ['', ''],
    [42, '42'],
    [false, 'false'],
    [' padded ', `=?base64?${Buffer.from(' padded ').toString('base64')}?=`],
    ['Hello, 世界', `=?base64?${Buffer.from('Hello, 世界').toString('base64')}?=`],
    ['line1\r\nline2', `=?base64?${Buffer.from('line1\r\nline2').toString('base64')}?=`],
    ['=?base64?abc?=', `=?base64?${Buffer.from('=?base64?abc?=').toString('base64')}?=`],
  ])('encodes %j as %j', (value, encoded) => {
    expect(encodeHeaderValue(value)).toBe(encoded);
  });

  it('omits null, absent and structured values', () => {
    expect([null, undefined, {}, []].map(encodeHeaderValue)).toEqual([undefined, undefined, undefined, undefined]);
    expect(valueAtPath({ a: { b: 1 } }, ['a', 'b'])).toBe(1);
    expect(valueAtPath({ a: 1 }, ['a', 'b'])).toBeUndefined();
  });
});

describe('messageHeaders', () => {
  it('mirrors the method, the name, the envelope version and the annotated arguments', () => {
    const call = {
      jsonrpc: '2.0' as const,
      id: 1,
      method: 'tools/call',
      params: {
        name: 'sql',
        arguments: { region: 'eu', verbose: null, q: 'x' },
        _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' },
      },
    };
    const lookup = () => [
      { header: 'Region', path: ['region'] },
      { header: 'Verbose', path: ['verbose'] },
    ];
    expect(messageHeaders(call, lookup)).toEqual({
      'mcp-method': 'tools/call',
      'mcp-name': 'sql',
      'mcp-protocol-version': '2026-07-28',
      'mcp-param-region': 'eu',
    });
    expect(messageHeaders({ jsonrpc: '2.0', id: 2, method: 'resources/read', params: { uri: 'file:///a b' } })).toEqual(
      { 'mcp-method': 'resources/read', 'mcp-name': 'file:///a b' },
    );
    expect(messageHeaders({ jsonrpc: '2.0', method: 'notifications/initialized' })).toEqual({
      'mcp-method': 'notifications/initialized',
    });
    expect(messageHeaders({ jsonrpc: '2.0', id: 3, result: {} })).toEqual({});
  });
});
