/**
 * The layering of the design notes, checked on every `npm test` (`npm run check:layers`):
 * protocol → transport → session → client/server, node-only code under lib/node, no cycles
 * (type-only imports included).
 */
const layer = (name, mayImport) => ({
  name: `${name}-layer`,
  comment: `lib/${name} may import only ${mayImport.length ? mayImport.map((l) => `lib/${l}`).join(', ') : 'nothing else in lib'}`,
  severity: 'error',
  from: { path: `^lib/${name}/` },
  to: { path: '^lib/', pathNot: [`^lib/${name}/`, ...mayImport.map((l) => `^lib/${l}/`)] },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'no import cycles, type-only ones included',
      from: {},
      to: { circular: true },
    },
    layer('protocol', []),
    layer('transport', ['protocol']),
    layer('session', ['protocol', 'transport']),
    layer('schema', ['protocol']),
    layer('auth', ['protocol', 'transport']),
    layer('server', ['protocol', 'transport', 'session', 'schema', 'auth']),
    layer('client', ['protocol', 'transport', 'session', 'schema', 'auth']),
    layer('testing', ['protocol', 'transport', 'session', 'schema', 'auth', 'server', 'client']),
    layer('redis', ['protocol', 'transport', 'session', 'schema', 'auth', 'server', 'node']),
    layer('angular', ['protocol', 'transport', 'client', 'testing']),
    {
      name: 'angular-only-in-lib-angular',
      comment: 'Angular is an optional peer dependency: only lib/angular (rxmcp/angular) imports it',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/angular/' },
      to: { path: '^node_modules/@angular/' },
    },
    {
      name: 'server-http-is-a-host',
      comment: 'lib/server/http (the web-standard HTTP core) hosts McpServer; the rest of lib/server never imports it',
      severity: 'error',
      from: { path: '^lib/server/', pathNot: '^lib/server/http/' },
      to: { path: '^lib/server/http/' },
    },
    {
      name: 'protocol-is-pure-data',
      comment: 'lib/protocol is pure data: no rxjs, no I/O',
      severity: 'error',
      from: { path: '^lib/protocol/' },
      to: { dependencyTypes: ['npm', 'core'], pathNot: '^node_modules/zod/' },
    },
    {
      name: 'node-only-under-lib-node',
      comment:
        'node built-ins, ws, express, eventsource and tsx are imported only under lib/node (and lib/redis, node-only too)',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/(node|redis)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'node-packages-under-lib-node',
      comment: 'node built-ins, ws, express, eventsource and tsx are imported only under lib/node',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/node/' },
      to: { path: '^node_modules/(ws|express|eventsource|tsx|@types/node)/' },
    },
    {
      name: 'nothing-imports-lib-node',
      comment: 'the isomorphic layers never reach into lib/node',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/(node|redis)/' },
      to: { path: '^lib/node/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
