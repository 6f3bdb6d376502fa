import type { Config } from 'jest';

/**
 * The specs of `rxmcp/angular` (spec/angular): Angular's TestBed in jsdom. Angular ships ESM only,
 * so esbuild transforms it (and the specs) to CommonJS; the main config stays on ts-jest and skips
 * these.
 */
const config: Config = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/spec/angular'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.(ts|mjs|js)$': '<rootDir>/spec/angular/support/esbuild-transform.cjs' },
  transformIgnorePatterns: ['/node_modules/(?!(@angular|url-template|eventsource-parser|yaml|jose|oauth4webapi)/)'],
  moduleFileExtensions: ['ts', 'mjs', 'js', 'json'],
  testTimeout: 30000,
};

export default config;
