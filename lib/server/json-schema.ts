/**
 * @module
 * Tool schemas: a zod schema (emitted as JSON Schema 2020-12 with `z.toJSONSchema`) or a raw
 * JSON Schema object (passed through verbatim and validated by the server's JSON Schema engine).
 * Inputs describe an object; outputs may describe any JSON value (2026-07-28, SEP-2106).
 */
import { describeJsonSchemaIssues, type JsonSchemaValidator } from '../schema/json-schema-validator.js';
import { defaultJsonSchemaValidator } from '../schema/default-validator.js';
import * as z from 'zod';
import type { AnyJsonSchema } from '../protocol/tools.js';
import type { ToolJsonSchema } from '../protocol/tools.js';

/** A raw JSON Schema of an object, as `tools/list` shows it (`as const` literals welcome). */
export interface JsonSchemaObject {
  readonly $schema?: string;
  readonly type: 'object';
  readonly properties?: { readonly [name: string]: object };
  readonly required?: readonly string[];
  readonly [keyword: string]: unknown;
}

/** A raw JSON Schema of any JSON value, as a 2026-07-28 `outputSchema` may be (`{ type: 'array', … }`). */
export interface JsonSchemaAny {
  readonly $schema?: string;
  readonly [keyword: string]: unknown;
}

/** What tools accept as `inputSchema`: a zod schema of an object or a raw JSON Schema object. */
export type ToolSchemaLike = z.ZodType | JsonSchemaObject;

/** What tools accept as `outputSchema`: a zod schema or a raw JSON Schema, of any JSON value. */
export type ToolOutputSchemaLike = z.ZodType | JsonSchemaAny;

/** The parsed value of a schema: zod's output type, a plain record for raw object schemas, else any value. */
export type InferSchema<S> = S extends z.ZodType
  ? z.output<S>
  : S extends JsonSchemaObject
    ? Record<string, unknown>
    : unknown;

/** The value a handler produces for a schema: zod's input type, a plain record for raw object schemas, else any value. */
export type InferSchemaInput<S> = S extends z.ZodType
  ? z.input<S>
  : S extends JsonSchemaObject
    ? Record<string, unknown>
    : unknown;

/** The outcome of {@link CompiledSchema.validate}. */
export type Validation<T> = { ok: true; value: T } | { ok: false; message: string };

/** A schema ready to show in `tools/list` and to validate with. */
export interface CompiledSchema<T = Record<string, unknown>> {
  /** The JSON Schema to announce (an object schema for inputs). */
  readonly jsonSchema: ToolJsonSchema | AnyJsonSchema;
  /** Validates (and, for zod, parses) a value. */
  validate(value: unknown): Validation<T>;
}

/** Tells a zod schema from a raw JSON Schema object. */
export function isZodSchema(schema: unknown): schema is z.ZodType {
  return typeof schema === 'object' && schema !== null && '_zod' in schema;
}

/**
 * Compiles a tool schema. Zod schemas are converted with `io: 'input'` for inputs (what the
 * client sends) and `io: 'output'` for outputs; an input must describe an object, an output may
 * describe any JSON value (see `legacyOutputSchema` for what 2025 sessions are shown). Raw schemas
 * are kept verbatim (`$schema`, `$defs`, `additionalProperties`…) and compiled with `engine`
 * (2020-12 unless the schema declares another dialect).
 *
 * @example
 * compileSchema(z.object({ text: z.string() }), 'input').jsonSchema
 * // { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }
 */
export function compileSchema<S extends ToolOutputSchemaLike>(
  schema: S,
  io: 'input' | 'output',
  engine: JsonSchemaValidator = defaultJsonSchemaValidator,
): CompiledSchema<InferSchema<S>> {
  if (isZodSchema(schema)) {
    const jsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Record<string, unknown>;
    if (io === 'input' && jsonSchema['type'] !== 'object')
      throw new Error(`A tool ${io} schema must describe an object, got ${JSON.stringify(jsonSchema['type'])}`);
    return {
      jsonSchema: jsonSchema as ToolJsonSchema,
      validate: (value) => {
        const parsed = schema.safeParse(value);
        return parsed.success
          ? { ok: true, value: parsed.data as InferSchema<S> }
          : { ok: false, message: z.prettifyError(parsed.error) };
      },
    };
  }
  const raw = schema as JsonSchemaAny;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`A tool ${io} schema must be a JSON Schema object`);
  if (io === 'input' && raw['type'] !== 'object') throw new Error(`A tool ${io} schema must have type "object"`);
  const check = engine.compile(raw);
  const root = io === 'input' ? 'arguments' : 'structuredContent';
  return {
    jsonSchema: raw as ToolJsonSchema,
    validate: (value) => {
      const issues = check(value);
      return issues.length === 0
        ? { ok: true, value: value as InferSchema<S> }
        : { ok: false, message: describeJsonSchemaIssues(issues, root) };
    },
  };
}
