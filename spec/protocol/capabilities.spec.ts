import {
  ClientCapabilitiesSchema,
  NotificationMethods,
  RequestMethods,
  ServerCapabilitiesSchema,
  hasCapability,
  missingCapability,
  requiredCapabilities,
  requiredCapability,
  type CapabilityPath,
} from '../../lib/protocol/index.js';
import { officialSchema } from './oracle.js';

describe('requiredCapability', () => {
  it.each([
    ['tools/call', ['tools']],
    ['tools/list', ['tools']],
    ['resources/read', ['resources']],
    ['resources/subscribe', ['resources', 'subscribe']],
    ['resources/unsubscribe', ['resources', 'subscribe']],
    ['prompts/get', ['prompts']],
    ['sampling/createMessage', ['sampling']],
    ['elicitation/create', ['elicitation']],
    ['roots/list', ['roots']],
    ['logging/setLevel', ['logging']],
    ['completion/complete', ['completions']],
    ['tasks/list', ['tasks', 'list']],
    ['tasks/cancel', ['tasks', 'cancel']],
    ['notifications/tools/list_changed', ['tools', 'listChanged']],
    ['notifications/resources/updated', ['resources', 'subscribe']],
    ['notifications/message', ['logging']],
    ['notifications/elicitation/complete', ['elicitation', 'url']],
  ])('%s needs %j', (method, path) => {
    expect(requiredCapability(method)).toEqual(path);
  });

  it.each([
    'initialize',
    'ping',
    'notifications/initialized',
    'notifications/cancelled',
    'notifications/progress',
    'nope/nope',
    'constructor',
    'toString',
  ])('%s needs none', (method) => {
    expect(requiredCapability(method)).toBeUndefined();
    expect(requiredCapabilities(method, { task: {} })).toEqual([]);
  });

  it('names a capability for every method but the lifecycle ones', () => {
    const free = new Set([
      'initialize',
      'ping',
      'notifications/initialized',
      'notifications/cancelled',
      'notifications/progress',
    ]);
    const methods = [...Object.keys(RequestMethods), ...Object.keys(NotificationMethods)].filter((m) => !free.has(m));
    expect(methods.filter((m) => requiredCapability(m) === undefined)).toEqual([]);
  });

  it('every path exists in the official ClientCapabilities or ServerCapabilities', () => {
    const exists = (def: string, path: CapabilityPath) => {
      let node: any = officialSchema.$defs[def];
      for (const key of path) node = node?.properties?.[key];
      return node !== undefined;
    };
    const methods = [...Object.keys(RequestMethods), ...Object.keys(NotificationMethods)];
    const paths = methods.flatMap((m) =>
      requiredCapabilities(m, { task: {}, tools: [], includeContext: 'allServers' }),
    );
    paths.push(['elicitation', 'url']);
    expect(paths.filter((p) => !exists('ClientCapabilities', p) && !exists('ServerCapabilities', p))).toEqual([]);
  });
});

describe('requiredCapabilities', () => {
  it('adds what the params ask for', () => {
    expect(requiredCapabilities('tools/call', { name: 'x' })).toEqual([['tools']]);
    expect(requiredCapabilities('tools/call', { name: 'x', task: { ttl: 1 } })).toEqual([
      ['tools'],
      ['tasks', 'requests', 'tools', 'call'],
    ]);
    expect(
      requiredCapabilities('sampling/createMessage', {
        messages: [],
        maxTokens: 1,
        tools: [],
        includeContext: 'thisServer',
      }),
    ).toEqual([['sampling'], ['sampling', 'tools'], ['sampling', 'context']]);
    expect(requiredCapabilities('sampling/createMessage', { includeContext: 'none' })).toEqual([['sampling']]);
    expect(
      requiredCapabilities('elicitation/create', { mode: 'url', message: 'm', url: 'u', elicitationId: 'e' }),
    ).toEqual([['elicitation', 'url']]);
    expect(requiredCapabilities('elicitation/create', { mode: 'form', task: {} })).toEqual([
      ['elicitation'],
      ['tasks', 'requests', 'elicitation', 'create'],
    ]);
    expect(requiredCapabilities('elicitation/create')).toEqual([['elicitation']]);
  });
});

describe('hasCapability', () => {
  const server = ServerCapabilitiesSchema.parse({
    tools: {},
    resources: { subscribe: true, listChanged: false },
    logging: {},
    tasks: { requests: { tools: { call: {} } } },
  });
  const client = ClientCapabilitiesSchema.parse({ elicitation: {}, sampling: { tools: {} } });

  it.each<[object | undefined, CapabilityPath, boolean]>([
    [server, ['tools'], true],
    [server, ['tools', 'listChanged'], false],
    [server, ['resources', 'subscribe'], true],
    [server, ['resources', 'listChanged'], false],
    [server, ['prompts'], false],
    [server, ['logging'], true],
    [server, ['tasks', 'requests', 'tools', 'call'], true],
    [server, ['tasks', 'list'], false],
    [client, ['elicitation'], true],
    [client, ['elicitation', 'url'], false],
    [client, ['sampling', 'tools'], true],
    [client, ['sampling', 'context'], false],
    [client, ['roots'], false],
    [undefined, ['tools'], false],
    [{}, ['toString'], false],
    [{ tools: null }, ['tools'], false],
    [{ tools: { listChanged: 'yes' } }, ['tools', 'listChanged', 'length'], false],
    [server, [], true],
  ])('%j has %j: %s', (capabilities, path, expected) => {
    expect(hasCapability(capabilities, path)).toBe(expected);
  });
});

describe('missingCapability', () => {
  it('reports the first capability the peer lacks', () => {
    const server = { tools: {}, resources: {} };
    expect(missingCapability(server, 'tools/call', { name: 'x' })).toBeUndefined();
    expect(missingCapability(server, 'tools/call', { name: 'x', task: {} })).toEqual([
      'tasks',
      'requests',
      'tools',
      'call',
    ]);
    expect(missingCapability(server, 'resources/subscribe', { uri: 'file:///a' })).toEqual(['resources', 'subscribe']);
    expect(missingCapability(server, 'prompts/list')).toEqual(['prompts']);
    expect(missingCapability(undefined, 'ping')).toBeUndefined();
    expect(missingCapability({ elicitation: {} }, 'elicitation/create', { mode: 'url' })).toEqual([
      'elicitation',
      'url',
    ]);
    expect(missingCapability({ elicitation: { url: {} } }, 'elicitation/create', { mode: 'url' })).toBeUndefined();
  });
});
