/**
 * @module
 * Registering tools, resources, resource templates and prompts on a server's features: the entry
 * made from each definition, and how a handle's update makes it again.
 */
import type { JsonSchemaValidator } from '../schema/json-schema-validator.js';
import { createPromptEntry, updatePromptEntry, type PromptEntry, type RegisteredPrompt } from './prompts.js';
import type { ServerFeatures } from './request-handlers.js';
import {
  createResourceEntry,
  createResourceTemplateEntry,
  updateResourceEntry,
  updateResourceTemplateEntry,
  type RegisteredResource,
  type RegisteredResourceTemplate,
  type ResourceEntry,
  type ResourceTemplateEntry,
} from './resources.js';
import { createToolEntry, updateToolEntry, type RegisteredTool, type ToolEntry } from './tools.js';

/**
 * Adds a tool whose schemas `engine` compiles (the default engine when omitted); see `McpServer.tool`.
 *
 * @example
 * const handle = addTool(features, 'echo', { inputSchema }, ({ text }) => text, undefined);
 */
export function addTool(
  features: ServerFeatures,
  name: string,
  config: ToolEntry['config'],
  handler: ToolEntry['handler'],
  engine: JsonSchemaValidator | undefined,
): RegisteredTool<any, any> {
  return features.tools.add(name, createToolEntry(name, config, handler, engine), (entry, changes) =>
    updateToolEntry(entry, changes, engine),
  );
}

/**
 * Adds a static resource; see `McpServer.resource`.
 *
 * @example
 * const handle = addResource(features, 'test://static-text', { name: 'static' }, () => 'Hello');
 */
export function addResource(
  features: ServerFeatures,
  uri: string,
  config: ResourceEntry['config'],
  handler: ResourceEntry['handler'],
): RegisteredResource {
  return features.resources.add(uri, createResourceEntry(uri, config, handler), updateResourceEntry);
}

/**
 * Adds a resource template; see `McpServer.resourceTemplate`.
 *
 * @example
 * const handle = addResourceTemplate(features, 'test://users/{id}', { name: 'user' }, (uri, { id }) => id);
 */
export function addResourceTemplate(
  features: ServerFeatures,
  uriTemplate: string,
  config: ResourceTemplateEntry['config'],
  handler: ResourceTemplateEntry['handler'],
): RegisteredResourceTemplate<any> {
  return features.templates.add(
    uriTemplate,
    createResourceTemplateEntry(uriTemplate, config, handler),
    updateResourceTemplateEntry,
  );
}

/**
 * Adds a prompt; see `McpServer.prompt`.
 *
 * @example
 * const handle = addPrompt(features, 'review', {}, () => 'Review this code');
 */
export function addPrompt(
  features: ServerFeatures,
  name: string,
  config: PromptEntry['config'],
  handler: PromptEntry['handler'],
): RegisteredPrompt<any> {
  return features.prompts.add(name, createPromptEntry(name, config, handler), updatePromptEntry);
}
