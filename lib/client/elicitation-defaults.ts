/**
 * @module
 * SEP-1034: the `default` values of a form's fields fill in what accepted content leaves out.
 */
import type { ElicitRequestParams, ElicitResult } from '../protocol/index.js';

/**
 * Returns `result` with the `default` of every field of a form-mode `requestedSchema` that
 * accepted `content` lacks. Declined or cancelled answers, URL-mode requests and fields without
 * a default are left as they are; values the user gave always win.
 *
 * @example
 * applyElicitationDefaults(
 *   { message: 'Name?', requestedSchema: { type: 'object', properties: { name: { type: 'string', default: 'Ada' } } } },
 *   { action: 'accept', content: {} },
 * ) // { action: 'accept', content: { name: 'Ada' } }
 */
export function applyElicitationDefaults(params: ElicitRequestParams, result: ElicitResult): ElicitResult {
  if (result.action !== 'accept' || params.mode === 'url' || !('requestedSchema' in params)) return result;
  const content: NonNullable<ElicitResult['content']> = { ...result.content };
  let changed = false;
  for (const [key, field] of Object.entries(params.requestedSchema.properties)) {
    if (content[key] === undefined && field.default !== undefined) {
      content[key] = field.default;
      changed = true;
    }
  }
  return changed ? { ...result, content } : result;
}
