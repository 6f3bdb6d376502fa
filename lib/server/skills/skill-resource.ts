/**
 * @module
 * One file of a served skill as a static resource: its config and the handler that reads it
 * (text as `text`, bytes as a base64 `blob`).
 */
import type { ResourceConfig, ResourceHandler } from '../resources.js';
import type { SkillFile } from './skill-catalog.js';

/**
 * The resource a skill file is served as.
 *
 * @example
 * const { config, handler } = skillFileResource(file);
 * server.resource(file.uri, config, handler);
 */
export function skillFileResource(file: SkillFile): { config: ResourceConfig; handler: ResourceHandler } {
  const config: ResourceConfig = {
    name: file.name,
    mimeType: file.mimeType,
    size: file.size,
    ...(file.description === undefined ? {} : { description: file.description }),
  };
  const content = file.content;
  const handler: ResourceHandler = (uri) =>
    typeof content === 'string'
      ? [{ uri, mimeType: file.mimeType, text: content }]
      : [{ uri, mimeType: file.mimeType, blob: base64Of(content) }];
  return { config, handler };
}

/** Bytes as base64 (resource `blob`). */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return globalThis.btoa(binary);
}
