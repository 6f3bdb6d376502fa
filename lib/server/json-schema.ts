/**
 * @module
 * Tool schemas: a zod object (emitted as JSON Schema 2020-12 with `z.toJSONSchema`) or a raw
 * JSON Schema object (passed through verbatim and validated with ajv's 2020-12 validator).
 */
import { compileJsonSchema, JSON_SCHEMA_2020_12, jsonSchemaAjv } from '../schema/json-schema-validator.js';
import * as z from 'zod';
import type { ToolJsonSchema } from '../protocol/tools.js';

/** A raw JSON Schema of an object, as `tools/list` shows it (`as const` literals welcome). */
export interface JsonSchemaObject {
  readonly $schema?: string;
  readonly type: 'object';
  readonly properties?: { readonly [name: string]: object };
  readonly required?: readonly string[];
  readonly [keyword: string]: unknown;
}

/** What tools accept as `inputSchema` / `outputSchema`: a zod schema or a raw JSON Schema object. */
export type ToolSchemaLike = z.ZodType | JsonSchemaObject;

/** The parsed value of a schema: zod's output type, or a plain record for raw JSON Schemas. */
export type InferSchema<S> = S extends z.ZodType ? z.output<S> : Record<string, unknown>;

/** The value a handler produces for a schema: zod's input type, or a plain record. */
export type InferSchemaInput<S> = S extends z.ZodType ? z.input<S> : Record<string, unknown>;

/** The outcome of {@link CompiledSchema.validate}. */
export type Validation<T> = { ok: true; value: T } | { ok: false; message: string };

/** A schema ready to show in `tools/list` and to validate with. */
export interface CompiledSchema<T = Record<string, unknown>> {
  /** The JSON Schema to announce. */
  readonly jsonSchema: ToolJsonSchema;
  /** Validates (and, for zod, parses) a value. */
  validate(value: unknown): Validation<T>;
}

export { JSON_SCHEMA_2020_12 };

/** Tells a zod schema from a raw JSON Schema object. */
export function isZodSchema(schema: unknown): schema is z.ZodType {
  return typeof schema === 'object' && schema !== null && '_zod' in schema;
}

/**
 * Compiles a tool schema. Zod schemas are converted with `io: 'input'` for inputs (what the
 * client sends) and `io: 'output'` for outputs; the result must describe an object. Raw schemas
 * are kept verbatim (`$schema`, `$defs`, `additionalProperties`…) and compiled with ajv 2020;
 * a `$schema` other than 2020-12 is announced as is but validated with 2020-12 semantics.
 *
 * @example
 * compileSchema(z.object({ text: z.string() }), 'input').jsonSchema
 * // { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }
 */
export function compileSchema<S extends ToolSchemaLike>(schema: S, io: 'input' | 'output'): CompiledSchema<InferSchema<S>> {
  if (isZodSchema(schema)) {
    const jsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Record<string, unknown>;
    if (jsonSchema['type'] !== 'object') throw new Error(`A tool ${io} schema must describe an object, got ${JSON.stringify(jsonSchema['type'])}`);
    return {
      jsonSchema: jsonSchema as ToolJsonSchema,
      validate: (value) => {
        const parsed = schema.safeParse(value);
        return parsed.success ? { ok: true, value: parsed.data as InferSchema<S> } : { ok: false, message: z.prettifyError(parsed.error) };
      },
    };
  }
  const raw = schema as JsonSchemaObject;
  if (raw.type !== 'object') throw new Error(`A tool ${io} schema must have type "object"`);
  const validator = compileJsonSchema(raw);
  return {
    jsonSchema: raw as ToolJsonSchema,
    validate: (value) =>
      validator(value)
        ? { ok: true, value: value as InferSchema<S> }
        : { ok: false, message: jsonSchemaAjv().errorsText(validator.errors, { dataVar: io === 'input' ? 'arguments' : 'structuredContent' }) },
  };
}
