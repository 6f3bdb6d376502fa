import * as P from '../../lib/protocol/index.js';
import type { ParamsArgs, ParamsOf, ResultOf, NotificationParamsOf } from '../../lib/protocol/index.js';
import { methodsOf, officialAccepts, officialSchema } from './oracle.js';
import { SAMPLES, onTheWire } from './samples.js';

/** Which official result definition answers each request method. */
const RESULT_DEF: Record<P.RequestMethod, string> = {
  initialize: 'InitializeResult',
  ping: 'EmptyResult',
  'resources/list': 'ListResourcesResult',
  'resources/templates/list': 'ListResourceTemplatesResult',
  'resources/read': 'ReadResourceResult',
  'resources/subscribe': 'EmptyResult',
  'resources/unsubscribe': 'EmptyResult',
  'prompts/list': 'ListPromptsResult',
  'prompts/get': 'GetPromptResult',
  'tools/list': 'ListToolsResult',
  'tools/call': 'CallToolResult',
  'logging/setLevel': 'EmptyResult',
  'completion/complete': 'CompleteResult',
  'tasks/get': 'GetTaskResult',
  'tasks/result': 'GetTaskPayloadResult',
  'tasks/cancel': 'CancelTaskResult',
  'tasks/list': 'ListTasksResult',
  'sampling/createMessage': 'CreateMessageResult',
  'elicitation/create': 'ElicitResult',
  'roots/list': 'ListRootsResult',
};

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe('method descriptor maps', () => {
  it.each([
    ['ClientRequest', P.ClientRequestMethods],
    ['ServerRequest', P.ServerRequestMethods],
    ['ClientNotification', P.ClientNotificationMethods],
    ['ServerNotification', P.ServerNotificationMethods],
  ] as const)('%sMethods has exactly the methods of the spec union', (def, map) => {
    expect(sorted(Object.keys(map))).toEqual(sorted(methodsOf(def)));
  });

  it('parses the params of every request and notification sample with its descriptor', () => {
    const seen = new Set<string>();
    for (const sample of SAMPLES.filter((s) => s.kind !== 'data')) {
      const method = sample.value['method'] as string;
      const schema =
        sample.kind === 'request'
          ? P.methodDescriptor(P.RequestMethods, method)?.params
          : P.methodDescriptor(P.NotificationMethods, method);
      expect(schema).toBeDefined();
      expect(schema!.parse(sample.value['params'] ?? {})).toStrictEqual(sample.value['params'] ?? {});
      seen.add(method);
    }
    expect(sorted(seen)).toEqual(sorted([...Object.keys(P.RequestMethods), ...Object.keys(P.NotificationMethods)]));
  });

  it.each(Object.keys(RESULT_DEF) as P.RequestMethod[])(
    '%s: the result schema parses what the spec accepts as its result',
    (method) => {
      const def = RESULT_DEF[method];
      const samples = SAMPLES.filter((sample) => sample.def === def);
      expect(samples.length).toBeGreaterThan(0);
      for (const sample of samples) {
        expect(officialAccepts(def, sample.value)).toBe(true);
        expect(P.RequestMethods[method].result.parse(sample.value)).toStrictEqual(sample.value);
      }
    },
  );

  it('rejects results of the wrong shape', () => {
    expect(P.ClientRequestMethods['tools/call'].result.safeParse({ tools: [] }).success).toBe(false);
    expect(P.ServerRequestMethods['roots/list'].result.safeParse({}).success).toBe(false);
  });

  it.each([
    ['ping', 'PingRequest'],
    ['tools/list', 'ListToolsRequest'],
    ['resources/list', 'ListResourcesRequest'],
    ['resources/templates/list', 'ListResourceTemplatesRequest'],
    ['prompts/list', 'ListPromptsRequest'],
    ['tasks/list', 'ListTasksRequest'],
    ['roots/list', 'ListRootsRequest'],
  ] as const)('%s may omit params: the handler parses {}', (method, def) => {
    expect(officialAccepts(def, { jsonrpc: '2.0', id: 1, method })).toBe(true);
    expect(P.RequestMethods[method].params.parse({})).toEqual({});
  });

  it('wire samples carry only known methods', () => {
    for (const sample of SAMPLES.filter((s) => s.kind === 'request')) {
      expect(officialAccepts('JSONRPCRequest', onTheWire(sample))).toBe(true);
    }
  });
});

describe('methodDescriptor', () => {
  it('finds own entries only', () => {
    expect(P.methodDescriptor(P.ClientRequestMethods, 'tools/call')).toBe(P.ClientRequestMethods['tools/call']);
    expect(P.methodDescriptor(P.ClientRequestMethods, 'sampling/createMessage')).toBeUndefined();
    expect(P.methodDescriptor(P.ServerRequestMethods, 'sampling/createMessage')?.result).toBe(
      P.CreateMessageResultSchema,
    );
    expect(P.methodDescriptor(P.ClientRequestMethods, 'constructor')).toBeUndefined();
    expect(P.methodDescriptor(P.ClientRequestMethods, '__proto__')).toBeUndefined();
    expect(P.methodDescriptor(P.ServerNotificationMethods, 'notifications/message')).toBe(
      P.LoggingMessageNotificationParamsSchema,
    );
  });

  it('shares ping and tasks/* between both directions', () => {
    for (const method of ['ping', 'tasks/get', 'tasks/result', 'tasks/cancel', 'tasks/list'] as const) {
      expect(P.ClientRequestMethods[method]).toBe(P.ServerRequestMethods[method]);
    }
  });

  it('TASK_AUGMENTABLE_METHODS are the requests whose params have `task` in the spec', () => {
    const defs = officialSchema.$defs;
    const withTask = Object.keys(defs)
      .filter((name) => /Request$/.test(name) && defs[name]!.properties?.['method']?.const)
      .filter((name) => {
        const ref: string | undefined = defs[name]!.properties!['params']?.$ref;
        const params = ref ? defs[ref.replace('#/$defs/', '')]! : undefined;
        const members = params?.anyOf
          ? params.anyOf.map((m) => defs[m.$ref.replace('#/$defs/', '')]!)
          : params
            ? [params]
            : [];
        return members.some((member) => member.properties?.['task']);
      })
      .map((name) => defs[name]!.properties!['method'].const as string);
    expect(sorted(P.TASK_AUGMENTABLE_METHODS)).toEqual(sorted(withTask));
    for (const sample of SAMPLES.filter(
      (s) => s.kind === 'request' && P.TASK_AUGMENTABLE_METHODS.includes(s.value['method'] as any),
    )) {
      const params = { ...(sample.value['params'] as object), task: { ttl: 5 } };
      expect(P.RequestMethods[sample.value['method'] as P.RequestMethod].params.parse(params)).toMatchObject({
        task: { ttl: 5 },
      });
    }
  });
});

describe('type helpers', () => {
  it('type the params and results of each method', () => {
    const call: ParamsOf<'tools/call'> = { name: 'echo', arguments: { text: 'hi' } };
    const result: ResultOf<'tools/call'> = { content: [{ type: 'text', text: 'hi' }] };
    const note: NotificationParamsOf<'notifications/progress'> = { progressToken: 1, progress: 0.5 };
    const request = <M extends P.RequestMethod>(method: M, ...params: ParamsArgs<M>) => ({ method, params: params[0] });
    expect(request('tools/list')).toEqual({ method: 'tools/list', params: undefined });
    expect(request('tools/call', call).params).toBe(call);
    // @ts-expect-error tools/call needs params
    request('tools/call');
    // @ts-expect-error the tool name is required
    request('tools/call', { arguments: {} });
    expect(result.content[0]!.type).toBe('text');
    expect(note.progress).toBe(0.5);
  });
});
