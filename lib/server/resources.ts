/**
 * @module
 * Resources and resource templates: their configuration and handler types, how they appear in
 * `resources/list` and `resources/templates/list`, and how `resources/read` finds and reads them.
 */
import type { CacheHints } from '../protocol/modern.js';
import { forkJoin, map, type Observable, of, throwError } from 'rxjs';
import type { Annotations, Icon } from '../protocol/common.js';
import type { ResourceContentsUnion } from '../protocol/content.js';
import { ErrorCode, McpError } from '../protocol/errors.js';
import {
  ReadResourceResultSchema,
  type ReadResourceResult,
  type Resource,
  type ResourceTemplate,
} from '../protocol/resources.js';
import type { CompletionCallback } from './completion.js';
import type { ServerContext } from './context.js';
import { fromOutcome, type HandlerOutcome } from './handler-outcome.js';
import type { RegisteredHandle } from './registry.js';
import { UriTemplate, type UriVariableName, type UriVariables } from './uri-template.js';

/** How a resource presents itself in `resources/list`. */
export interface ResourceConfig {
  /** Caching hints of this entry's results on 2026-07-28 requests (lists take the strictest entry). */
  cache?: Partial<CacheHints>;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** Size in bytes, if known. */
  size?: number;
  annotations?: Annotations;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
}

/**
 * What a resource handler returns: a full `ReadResourceResult`, its `contents` array, or a string
 * (one text content with the resource's `uri` and `mimeType`).
 */
export type ResourceReadResult = ReadResourceResult | ResourceContentsUnion[] | string;

/**
 * Reads a static resource.
 *
 * @example
 * server.resource('test://hello', { name: 'hello', mimeType: 'text/plain' }, () => 'Hello!');
 */
export type ResourceHandler = (uri: string, ctx: ServerContext) => HandlerOutcome<ResourceReadResult>;

/**
 * Reads a resource of a template, with the variables matched from its URI.
 *
 * @example
 * server.resourceTemplate('test://users/{id}', { name: 'user' }, (uri, { id }) => JSON.stringify(users[id]));
 */
export type ResourceTemplateHandler<T extends string = string> = (
  uri: string,
  variables: UriVariables<T>,
  ctx: ServerContext,
) => HandlerOutcome<ResourceReadResult>;

/** How a resource template presents itself, lists its resources and completes its variables. */
export interface ResourceTemplateConfig<T extends string = string> extends Omit<ResourceConfig, 'size'> {
  /** The concrete resources of the template, listed by `resources/list` after the static ones. */
  list?: (ctx: ServerContext) => HandlerOutcome<Resource[]>;
  /** Completion of the template's variables (`completion/complete` with `ref/resource`). */
  complete?: { [K in UriVariableName<T>]?: CompletionCallback };
}

/** Changes to a registered static resource. */
export type ResourceUpdate = Partial<ResourceConfig> & { uri?: string; handler?: ResourceHandler };
/**
 * Changes to a registered resource template. A new `uriTemplate` should keep the variables the
 * handler is typed for (pass a new handler otherwise).
 */
export type ResourceTemplateUpdate<T extends string = string> = Partial<ResourceTemplateConfig<T>> & {
  uriTemplate?: string;
  handler?: ResourceTemplateHandler<T>;
};

/** The handle of a registered static resource. */
export type RegisteredResource = RegisteredHandle<ResourceUpdate>;
/** The handle of a registered resource template. */
export type RegisteredResourceTemplate<T extends string = string> = RegisteredHandle<ResourceTemplateUpdate<T>>;

/** A static resource as the server keeps it. */
export interface ResourceEntry {
  readonly uri: string;
  readonly config: ResourceConfig;
  readonly handler: ResourceHandler;
  readonly definition: Resource;
}

/** A resource template as the server keeps it. */
export interface ResourceTemplateEntry {
  readonly template: UriTemplate;
  readonly config: ResourceTemplateConfig<any>;
  readonly handler: ResourceTemplateHandler<any>;
  readonly definition: ResourceTemplate;
}

/** Builds a static resource entry. */
export function createResourceEntry(uri: string, config: ResourceConfig, handler: ResourceHandler): ResourceEntry {
  return {
    uri,
    config,
    handler,
    definition: { ...describe(config), uri, ...(config.size === undefined ? {} : { size: config.size }) },
  };
}

/** Applies a {@link ResourceUpdate}. */
export function updateResourceEntry(
  entry: ResourceEntry,
  changes: ResourceUpdate,
): { key: string; value: ResourceEntry } {
  const { uri = entry.uri, handler = entry.handler, ...config } = changes;
  return { key: uri, value: createResourceEntry(uri, { ...entry.config, ...config }, handler) };
}

/** Builds a resource template entry. */
export function createResourceTemplateEntry(
  uriTemplate: string,
  config: ResourceTemplateConfig<any>,
  handler: ResourceTemplateHandler<any>,
): ResourceTemplateEntry {
  return { template: new UriTemplate(uriTemplate), config, handler, definition: { ...describe(config), uriTemplate } };
}

/** Applies a {@link ResourceTemplateUpdate}. */
export function updateResourceTemplateEntry(
  entry: ResourceTemplateEntry,
  changes: ResourceTemplateUpdate<any>,
): { key: string; value: ResourceTemplateEntry } {
  const { uriTemplate = entry.template.template, handler = entry.handler, ...config } = changes;
  return { key: uriTemplate, value: createResourceTemplateEntry(uriTemplate, { ...entry.config, ...config }, handler) };
}

/** Every listed resource: the static ones, then each template's `list`, in registration order. */
export function listResources(
  resources: ResourceEntry[],
  templates: ResourceTemplateEntry[],
  ctx: ServerContext,
): Observable<Resource[]> {
  const statics = resources.map((entry) => entry.definition);
  const listed = templates.flatMap((entry) => (entry.config.list ? [fromOutcome(() => entry.config.list!(ctx))] : []));
  if (listed.length === 0) return of(statics);
  return forkJoin(listed).pipe(map((lists) => [...statics, ...lists.flat()]));
}

/**
 * Reads `uri`: a static resource by exact URI first, then the first template (in registration
 * order) that matches it; otherwise fails with -32002 (Resource not found) and `data: { uri }`.
 */
export function readResource(
  uri: string,
  resources: (uri: string) => ResourceEntry | undefined,
  templates: ResourceTemplateEntry[],
  ctx: ServerContext,
): Observable<ReadResourceResult> {
  const resource = resources(uri);
  if (resource)
    return fromOutcome(() => resource.handler(uri, ctx)).pipe(
      map((raw) => toReadResult(raw, uri, resource.config.mimeType)),
    );
  for (const entry of templates) {
    const variables = entry.template.match(uri);
    if (variables)
      return fromOutcome(() => entry.handler(uri, variables, ctx)).pipe(
        map((raw) => toReadResult(raw, uri, entry.config.mimeType)),
      );
  }
  return throwError(() => McpError.protocol(ErrorCode.ResourceNotFound, `Resource not found: ${uri}`, { uri }));
}

function toReadResult(raw: ResourceReadResult, uri: string, mimeType: string | undefined): ReadResourceResult {
  const result: unknown =
    typeof raw === 'string'
      ? { contents: [mimeType === undefined ? { uri, text: raw } : { uri, mimeType, text: raw }] }
      : Array.isArray(raw)
        ? { contents: raw }
        : raw;
  const parsed = ReadResourceResultSchema.safeParse(result);
  if (!parsed.success)
    throw McpError.protocol(
      ErrorCode.InternalError,
      `Resource ${uri} returned invalid contents: ${parsed.error.message}`,
    );
  return result as ReadResourceResult;
}

function describe(config: Omit<ResourceConfig, 'size'>): { name: string } & Partial<Resource> {
  const definition: { name: string } & Partial<Resource> = { name: config.name };
  if (config.title !== undefined) definition.title = config.title;
  if (config.description !== undefined) definition.description = config.description;
  if (config.mimeType !== undefined) definition.mimeType = config.mimeType;
  if (config.annotations !== undefined) definition.annotations = config.annotations;
  if (config.icons !== undefined) definition.icons = config.icons;
  if (config._meta !== undefined) definition._meta = config._meta;
  return definition;
}
