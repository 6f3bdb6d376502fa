/**
 * @module
 * The skills extension (`io.modelcontextprotocol/skills`, SEP-2640): Agent Skills served as
 * resources (`skill://<skill-path>/<file>`), enumerated by `skills/list`, described by
 * `skills/get` (frontmatter, and each file's SHA-256 digest and size), and directories read with
 * `resources/directory/read`. Schemas only.
 */
import * as z from 'zod/mini';
import { PaginatedRequestParamsSchema, PaginatedResultSchema, RequestParamsSchema, ResultSchema } from './common.js';

/** The extension's identifier, under `capabilities.extensions`. */
export const SKILLS_EXTENSION = 'io.modelcontextprotocol/skills';

/** The file every skill has at its root. */
export const SKILL_FILE = 'SKILL.md';

/** The `mimeType` of a directory resource. */
export const DIRECTORY_MIME_TYPE = 'inode/directory';

/** The prefix of `_meta` keys a server uses for further frontmatter fields of a skill. */
export const SKILL_META_PREFIX = 'io.modelcontextprotocol.skills/';

/** Agent Skills naming rules of a skill's `name` (lower case, digits, single hyphens, ≤ 64). */
export const SKILL_NAME_PATTERN = /^(?!.*--)[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;

/** One file of a skill: its URI, `sha256:<hex>` digest and byte length. */
export const SkillResourceSchema = z.looseObject({
  uri: z.string(),
  digest: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)),
  size: z.int().check(z.nonnegative()),
});
export type SkillResource = z.infer<typeof SkillResourceSchema>;

/** A skill: its `SKILL.md` URI, its frontmatter as JSON, and every file (or `"dynamic"`). */
export const SkillEntrySchema = z.looseObject({
  uri: z.string(),
  frontmatter: z.looseObject({ name: z.string(), description: z.string() }),
  resources: z.union([z.array(SkillResourceSchema), z.literal('dynamic')]),
});
export type SkillEntry = z.infer<typeof SkillEntrySchema>;

/** Params of `skills/list`. */
export const ListSkillsParamsSchema = PaginatedRequestParamsSchema;

/** A page of skills. */
export const ListSkillsResultSchema = z.extend(PaginatedResultSchema, { skills: z.array(SkillEntrySchema) });
export type ListSkillsResult = z.infer<typeof ListSkillsResultSchema>;

/** Params of `skills/get`: the URI of a skill's `SKILL.md`. */
export const GetSkillParamsSchema = z.extend(RequestParamsSchema, { uri: z.string() });

/** The answer to `skills/get`. */
export const GetSkillResultSchema = z.extend(ResultSchema, { skill: SkillEntrySchema });
export type GetSkillResult = z.infer<typeof GetSkillResultSchema>;

/** Params of `resources/directory/read`. */
export const DirectoryReadParamsSchema = z.extend(PaginatedRequestParamsSchema, { uri: z.string() });

/**
 * The skill directory URI of a `SKILL.md` URI (`skill://a/b/SKILL.md` → `skill://a/b`), or
 * `undefined` for another URI.
 *
 * @example
 * skillRootOf('skill://pdf-processing/SKILL.md'); // 'skill://pdf-processing'
 */
export function skillRootOf(uri: string): string | undefined {
  const suffix = `/${SKILL_FILE}`;
  if (!uri.endsWith(suffix)) return undefined;
  const root = uri.slice(0, -suffix.length);
  return root.includes('://') && !root.endsWith('://') ? root : undefined;
}
