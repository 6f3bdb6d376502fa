/**
 * @module
 * Which tool result schemas an era validates with: 2025 sessions keep the object rule for
 * `outputSchema` and `structuredContent`, 2026-07-28 requests accept any JSON Schema and any JSON
 * value (SEP-2106).
 */
import type * as z from 'zod/mini';
import {
  CallToolResultSchema,
  ListToolsResultSchema,
  ModernCallToolResultSchema,
  ModernListToolsResultSchema,
  type CallToolResult,
  type ListToolsResult,
} from './tools.js';

/** Which revision's rules a message follows: `'legacy'` (2025, sessions) or `'modern'` (2026-07-28). */
export type ToolEra = 'legacy' | 'modern';

/** The `tools/list` and `tools/call` result schemas of one era. */
export interface ToolResultSchemas {
  readonly list: z.ZodMiniType<ListToolsResult>;
  readonly call: z.ZodMiniType<CallToolResult>;
}

const MODERN: ToolResultSchemas = { list: ModernListToolsResultSchema, call: ModernCallToolResultSchema };
const LEGACY: ToolResultSchemas = {
  list: ListToolsResultSchema as z.ZodMiniType<ListToolsResult>,
  call: CallToolResultSchema as z.ZodMiniType<CallToolResult>,
};

/**
 * The `tools/list` and `tools/call` result schemas of `era`.
 *
 * @example
 * toolResultSchemas('modern').call.safeParse({ content: [], structuredContent: [1, 2] }).success; // true
 * toolResultSchemas('legacy').call.safeParse({ content: [], structuredContent: [1, 2] }).success; // false
 */
export function toolResultSchemas(era: ToolEra): ToolResultSchemas {
  return era === 'modern' ? MODERN : LEGACY;
}
