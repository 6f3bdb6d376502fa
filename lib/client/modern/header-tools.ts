/**
 * @module
 * Tools and their `x-mcp-header` annotations on the client: a tool whose annotations break the
 * rules is left out of the list (one malformed tool must not hide the others), and the valid
 * annotations of a listed tool tell the Streamable HTTP transport which arguments to mirror.
 */
import { type HeaderParam, readHeaderParams } from '../../protocol/header-params.js';
import type { Tool } from '../../protocol/tools.js';

const readings = new WeakMap<object, ReturnType<typeof readHeaderParams>>();

function reading(tool: Tool): ReturnType<typeof readHeaderParams> {
  let found = readings.get(tool.inputSchema);
  if (!found) {
    found = readHeaderParams(tool.inputSchema);
    readings.set(tool.inputSchema, found);
  }
  return found;
}

/**
 * `tools` without those whose `x-mcp-header` annotations are invalid (SEP-2243: the client
 * MUST exclude them from the list).
 *
 * @example
 * withoutInvalidHeaderTools(page.tools).map((tool) => tool.name)
 */
export function withoutInvalidHeaderTools(tools: Tool[]): Tool[] {
  const valid = tools.filter((tool) => 'params' in reading(tool));
  return valid.length === tools.length ? tools : valid;
}

/**
 * The `x-mcp-header` parameters of `tool` (none for an unknown or invalid tool).
 *
 * @example
 * toolHeaderParams(tool) // [{ header: 'Region', path: ['region'] }]
 */
export function toolHeaderParams(tool: Tool | undefined): readonly HeaderParam[] | undefined {
  if (!tool) return undefined;
  const found = reading(tool);
  return 'params' in found && found.params.length > 0 ? found.params : undefined;
}
