/**
 * @module
 * JSON Schema engines for tools' raw schemas: the interface, the default interpreter, and ajv.
 */
export { describeJsonSchemaIssues, JSON_SCHEMA_2020_12 } from './json-schema-validator.js';
export type { JsonSchemaCheck, JsonSchemaIssue, JsonSchemaValidator } from './json-schema-validator.js';
export { defaultJsonSchemaValidator } from './default-validator.js';
export { interpretedJsonSchemaValidator } from './interpreted-validator.js';
export { ajvJsonSchemaValidator } from './ajv-validator.js';
