/**
 * @module
 * What both sides of the skills extension (SEP-2640) compute from a skill file: its YAML
 * frontmatter (parsed with the `yaml` package) and its `sha256:<hex>` digest (Web Crypto).
 */
import { parse } from 'yaml';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * The YAML frontmatter of a `SKILL.md` as a JSON object, or `undefined` when it has none (or it
 * is not a mapping).
 *
 * @example
 * parseSkillFrontmatter('---\nname: git\ndescription: Git rules\n---\n# Git'); // { name: 'git', description: 'Git rules' }
 */
export function parseSkillFrontmatter(text: string): Record<string, unknown> | undefined {
  const match = FRONTMATTER.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!match) return undefined;
  try {
    const value: unknown = parse(match[1]!);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The digest of raw bytes as SEP-2640 writes it: `sha256:` and 64 lower-case hex digits.
 *
 * @example
 * await sha256Digest(new TextEncoder().encode('hi')); // 'sha256:8f434346…'
 */
export async function sha256Digest(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return `sha256:${Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Whether two JSON values are equal field by field (objects compared by keys, arrays in order).
 *
 * @example
 * sameJson({ a: [1] }, { a: [1] }); // true
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
