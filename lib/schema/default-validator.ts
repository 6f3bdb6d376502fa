/**
 * @module
 * The engine used when none is given, in a module of its own: a bundler that splits code
 * (esbuild, and so Angular's builder) puts every module a statically reached file imports in the
 * up-front chunks — even an import whose exports go unused — so the root entry re-exports
 * `defaultJsonSchemaValidator` from here — a module only code that needs the engine at once (the
 * server, `OutputSchemaValidator`) imports — and never imports `interpreted-validator.ts` itself. A client-only app then reaches the engine only through the
 * `import()` of `McpClient` (`lib/client/lazy-output-schema.ts`), and loads it on first need.
 */
import type { JsonSchemaValidator } from './json-schema-validator.js';
import { interpretedJsonSchemaValidator } from './interpreted-validator.js';

/**
 * The engine used when none is given: `interpretedJsonSchemaValidator` (`@cfworker/json-schema`;
 * no code generation, so it runs on Workers and under a strict Content Security Policy).
 *
 * @example
 * const check = defaultJsonSchemaValidator.compile({ type: 'object', required: ['a'] });
 * check({}); // [{ path: '', message: 'Instance does not have required property "a".' }]
 */
export const defaultJsonSchemaValidator: JsonSchemaValidator = interpretedJsonSchemaValidator;
