/**
 * @module
 * Complete lists of the server's tools, resources, resource templates and prompts: every page,
 * each page validated by its protocol schema.
 */
import type { Observable } from 'rxjs';
import type { ToolEra } from '../protocol/modern-tools.js';
import type { Prompt, Resource, ResourceTemplate, Tool } from '../protocol/index.js';
import type { Session } from '../session/session.js';
import { paginate } from './paginate.js';
import { typedRequest } from './typed-request.js';
import type { CallOptions } from './client-api.js';

const page = (cursor: string | undefined) => (cursor === undefined ? undefined : { cursor });

/**
 * Every tool (all pages of `tools/list`), validated by the schemas of `era` (a 2026-07-28
 * connection's tools may declare an `outputSchema` of any JSON value).
 * @example listAllTools(session).subscribe((tools) => tools.length)
 */
export function listAllTools(session: Session, options?: CallOptions, era: ToolEra = 'legacy'): Observable<Tool[]> {
  return paginate(
    (cursor) => typedRequest(session, 'tools/list', page(cursor), { ...options, era }),
    (p) => p.tools,
  );
}

/**
 * Every resource (all pages of `resources/list`).
 * @example listAllResources(session).subscribe((resources) => resources.length)
 */
export function listAllResources(session: Session, options?: CallOptions): Observable<Resource[]> {
  return paginate(
    (cursor) => typedRequest(session, 'resources/list', page(cursor), options),
    (p) => p.resources,
  );
}

/**
 * Every resource template (all pages of `resources/templates/list`).
 * @example listAllResourceTemplates(session).subscribe((templates) => templates.length)
 */
export function listAllResourceTemplates(session: Session, options?: CallOptions): Observable<ResourceTemplate[]> {
  return paginate(
    (cursor) => typedRequest(session, 'resources/templates/list', page(cursor), options),
    (p) => p.resourceTemplates,
  );
}

/**
 * Every prompt (all pages of `prompts/list`).
 * @example listAllPrompts(session).subscribe((prompts) => prompts.length)
 */
export function listAllPrompts(session: Session, options?: CallOptions): Observable<Prompt[]> {
  return paginate(
    (cursor) => typedRequest(session, 'prompts/list', page(cursor), options),
    (p) => p.prompts,
  );
}
