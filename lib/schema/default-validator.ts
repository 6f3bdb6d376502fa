/**
 * @module
 * The engine used when none is given, in a module of its own: esbuild's code splitting (and so
 * Angular's builder) loads a module that is bundled anyway — the engine, for the client's
 * `import()` — up front as soon as a module the page reaches statically imports it, even for
 * exports the page never uses. So the root entry re-exports `defaultJsonSchemaValidator` from
 * here, a module only code that needs the engine at once imports (the server,
 * `OutputSchemaValidator`), and never imports `interpreted-validator.ts` itself: a client-only app
 * reaches the engine only through the `import()` of `McpClient` (`lib/client/lazy-output-schema.ts`)
 * and loads it on first need.
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
