import type { Config } from 'jest';

/** ts-jest compiles to CommonJS for jest; ESM-only dependencies are transformed too. */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  // rxmcp/angular's specs run under jest.angular.config.ts (jsdom, Angular's ESM packages).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/spec/angular/'],
  // lib/node/peer-require.ts uses `import.meta`, which CommonJS cannot parse: jest gets its twin.
  moduleNameMapper: {
    '^\\.{1,2}/(.*/)?peer-require\\.js$': '<rootDir>/spec/support/peer-require.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.[tj]s$': [
      'ts-jest',
      {
        tsconfig: {
          module: 'commonjs',
          moduleResolution: 'node10',
          allowJs: true,
          isolatedModules: true,
          verbatimModuleSyntax: false,
        },
        diagnostics: false,
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(url-template|eventsource-parser|jose|oauth4webapi)/)'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/spec/global-setup.ts',
};

export default config;
