/**
 * The official MCP 2025-11-25 JSON Schema, compiled with ajv, as a test oracle.
 */
import ajv2020Module from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { readSpecSchema } from '../fixtures/schemas/index.js';

// Both are CommonJS modules whose `module.exports` has a `default` pointing at itself:
// `.default` is right under jest's CommonJS and under NodeNext typings alike.
const Ajv2020 = ajv2020Module.default;
const addFormats = ajvFormatsModule.default;

interface JsonSchema {
  $defs: Record<string, { properties?: Record<string, any>; anyOf?: Array<{ $ref: string }>; [key: string]: unknown }>;
}

export const officialSchema: JsonSchema = readSpecSchema<JsonSchema>('2025-11-25');

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(officialSchema as object, 'mcp');

const cache = new Map<string, ValidateFunction>();

/** The ajv validator of `#/$defs/<def>`. */
export function validatorOf(def: string): ValidateFunction {
  const cached = cache.get(def);
  if (cached) return cached;
  const validate = officialSchema.$defs[def] ? ajv.getSchema(`mcp#/$defs/${def}`) : undefined;
  if (!validate) throw new Error(`No definition ${def} in the official schema`);
  cache.set(def, validate);
  return validate;
}

/** Whether the official schema accepts `value` as `def`. */
export const officialAccepts = (def: string, value: unknown): boolean => validatorOf(def)(value) as boolean;

/** Readable ajv errors of the last validation of `def`. */
export const officialErrors = (def: string): string => ajv.errorsText(validatorOf(def).errors);

/** The `method` constants of the members of a union definition such as `ClientRequest`. */
export function methodsOf(unionDef: string): string[] {
  return (officialSchema.$defs[unionDef]!.anyOf ?? []).map((ref) => {
    const name = ref.$ref.replace('#/$defs/', '');
    return officialSchema.$defs[name]!.properties!['method'].const as string;
  });
}
