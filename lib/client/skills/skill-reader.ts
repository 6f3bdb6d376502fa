/**
 * @module
 * Reading skills (SEP-2640) from a server: `skills/list` and `skills/get` give entries; a skill's
 * files are read only when needed (never on connection or listing), and each read is verified
 * against the entry — listed, of the listed size, with the listed digest, and for `SKILL.md` a
 * frontmatter identical to the entry's. A failed check is an McpError of kind `'validation'`,
 * and the unverified content is never emitted.
 */
import { defer, EMPTY, expand, from, map, type Observable, reduce, switchMap } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { ReadResourceResult } from '../../protocol/resources.js';
import {
  GetSkillResultSchema,
  ListSkillsResultSchema,
  SKILL_FILE,
  skillRootOf,
  SKILLS_EXTENSION,
  type GetSkillResult,
  type ListSkillsResult,
  type SkillEntry,
} from '../../protocol/skills.js';
import { declaresExtension } from '../../protocol/tasks-extension.js';
import { parseSkillFrontmatter, sameJson, sha256Digest } from '../../schema/skill-integrity.js';
import type { McpClient } from '../mcp-client.js';
import type { CallOptions } from '../client-api.js';

/** A file of a skill, read and verified. */
export interface SkillFileContent {
  readonly uri: string;
  readonly mimeType?: string;
  /** The raw bytes, as served. */
  readonly bytes: Uint8Array;
  /** The bytes as UTF-8 text. */
  readonly text: string;
}

/** A loaded skill: its entry and its verified `SKILL.md`. */
export interface LoadedSkill {
  readonly entry: SkillEntry;
  readonly skillMd: SkillFileContent;
}

const failed = (message: string, uri: string) =>
  new McpError('validation', `Skill verification failed: ${message}`, { data: { uri } });

/**
 * Every skill the server lists (all pages); fails with -32601 (kind `'protocol'`) when the
 * server does not declare the skills extension.
 *
 * @example
 * listSkills(client).subscribe((skills) => skills.map((skill) => skill.frontmatter.name));
 */
export function listSkills(client: McpClient, options?: CallOptions): Observable<SkillEntry[]> {
  return defer(() => {
    requireSkills(client);
    const page = (cursor?: string) =>
      client.extensionRequest<ListSkillsResult>(
        'skills/list',
        cursor === undefined ? {} : { cursor },
        ListSkillsResultSchema,
        options,
      );
    return page().pipe(
      expand((result: ListSkillsResult) => (result.nextCursor ? page(result.nextCursor) : EMPTY)),
      reduce((skills: SkillEntry[], result) => [...skills, ...result.skills], []),
    );
  });
}

/**
 * The entry of one skill by the URI of its `SKILL.md` (`skills/get`).
 *
 * @example
 * getSkill(client, 'skill://git-workflow/SKILL.md').subscribe((entry) => entry.resources);
 */
export function getSkill(client: McpClient, uri: string, options?: CallOptions): Observable<SkillEntry> {
  return defer(() => {
    requireSkills(client);
    return client
      .extensionRequest<GetSkillResult>('skills/get', { uri }, GetSkillResultSchema, options)
      .pipe(map((result) => result.skill));
  });
}

/**
 * Loads a skill: reads its `SKILL.md` and verifies it (listed size and digest, frontmatter equal
 * to the entry's field by field). Nothing else is read.
 *
 * @example
 * loadSkill(client, entry).subscribe({ next: ({ skillMd }) => toModel(skillMd.text), error: (e) => warnUser(e.message) });
 */
export function loadSkill(client: McpClient, entry: SkillEntry, options?: CallOptions): Observable<LoadedSkill> {
  return readSkillFile(client, entry, entry.uri, options).pipe(
    map((skillMd) => {
      const frontmatter = parseSkillFrontmatter(skillMd.text);
      if (!frontmatter) throw failed(`${SKILL_FILE} has no YAML frontmatter`, entry.uri);
      if (!sameJson(frontmatter, entry.frontmatter))
        throw failed(`the frontmatter of ${entry.uri} differs from the entry's`, entry.uri);
      return { entry, skillMd };
    }),
  );
}

/**
 * Reads one file of a skill (a URI, or a path relative to the skill's root) and verifies it
 * against the entry: it must be listed (unless the entry's resources are `"dynamic"`), and its
 * byte length and SHA-256 digest must be the listed ones.
 *
 * @example
 * readSkillFile(client, entry, 'references/FORMS.md').subscribe((file) => file.text);
 */
export function readSkillFile(
  client: McpClient,
  entry: SkillEntry,
  file: string,
  options?: CallOptions,
): Observable<SkillFileContent> {
  return defer(() => {
    const uri = file.includes('://') ? file : `${skillRootOf(entry.uri) ?? entry.uri}/${file}`;
    const listed = entry.resources === 'dynamic' ? undefined : entry.resources.find((resource) => resource.uri === uri);
    if (entry.resources !== 'dynamic' && !listed) throw failed(`${uri} is not listed in the skill's resources`, uri);
    return client.readResource(uri, options).pipe(
      map((result) => contentOf(result, uri)),
      switchMap((content) => {
        if (!listed) return [content];
        if (content.bytes.byteLength !== listed.size)
          throw failed(`${uri} is ${content.bytes.byteLength} bytes, the entry says ${listed.size}`, uri);
        return from(sha256Digest(content.bytes)).pipe(
          map((digest) => {
            if (digest !== listed.digest)
              throw failed(`the digest of ${uri} is ${digest}, the entry says ${listed.digest}`, uri);
            return content;
          }),
        );
      }),
    );
  });
}

function requireSkills(client: McpClient): void {
  const capabilities = client.server?.capabilities;
  if (capabilities && !declaresExtension(capabilities, SKILLS_EXTENSION)) {
    throw McpError.protocol(ErrorCode.MethodNotFound, `The server does not declare the ${SKILLS_EXTENSION} extension`);
  }
}

function contentOf(result: ReadResourceResult, uri: string): SkillFileContent {
  const content = result.contents.find((item) => item.uri === uri) ?? result.contents[0];
  if (!content) throw failed(`reading ${uri} returned no contents`, uri);
  const mimeType = content.mimeType;
  if ('text' in content && typeof content.text === 'string') {
    return {
      uri,
      bytes: new TextEncoder().encode(content.text),
      text: content.text,
      ...(mimeType === undefined ? {} : { mimeType }),
    };
  }
  const binary = globalThis.atob(String((content as { blob?: string }).blob ?? ''));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return { uri, bytes, text: new TextDecoder().decode(bytes), ...(mimeType === undefined ? {} : { mimeType }) };
}
