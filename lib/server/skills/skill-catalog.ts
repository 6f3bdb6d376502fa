/**
 * @module
 * The skills a server serves (SEP-2640): each a directory of files under `skill://<path>/`, its
 * `SKILL.md` frontmatter, the entries of `skills/list` and `skills/get` (digests computed once,
 * on first use) and the children of its directories for `resources/directory/read`.
 */
import { defer, forkJoin, from, map, type Observable, of, shareReplay } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import { DIRECTORY_MIME_TYPE, SKILL_FILE, SKILL_NAME_PATTERN, type SkillEntry } from '../../protocol/skills.js';
import { parseSkillFrontmatter, sha256Digest } from '../../schema/skill-integrity.js';
import { paginate } from '../pagination.js';

/** A skill's files by path relative to its root (`SKILL.md`, `references/FORMS.md`, …). */
export type SkillFiles = Readonly<Record<string, string | Uint8Array>>;

/** One file of a served skill, as a resource. */
export interface SkillFile {
  readonly uri: string;
  readonly name: string;
  readonly description?: string;
  readonly mimeType: string;
  readonly size: number;
  readonly content: string | Uint8Array;
}

/** A child of a skill directory, as `resources/directory/read` lists it. */
export interface DirectoryChild {
  readonly uri: string;
  readonly name: string;
  readonly mimeType: string;
  readonly size?: number;
}

interface Skill {
  readonly uri: string;
  readonly root: string;
  readonly frontmatter: Record<string, unknown>;
  readonly files: readonly SkillFile[];
  readonly entry$: Observable<SkillEntry>;
}

const MIME_TYPES: Record<string, string> = {
  md: 'text/markdown',
  txt: 'text/plain',
  py: 'text/x-python',
  js: 'text/javascript',
  ts: 'text/typescript',
  json: 'application/json',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  sh: 'text/x-shellscript',
  html: 'text/html',
  csv: 'text/csv',
};
const bytesOf = (content: string | Uint8Array) =>
  typeof content === 'string' ? new TextEncoder().encode(content) : content;

/**
 * The skills of a server, keyed by the URI of their `SKILL.md`.
 *
 * @example
 * const catalog = new SkillCatalog();
 * catalog.add('git-workflow', { 'SKILL.md': '---\nname: git-workflow\ndescription: Our Git rules\n---\n# Git' });
 * catalog.list(undefined, 100).subscribe(({ skills }) => …);
 */
export class SkillCatalog {
  readonly #skills = new Map<string, Skill>();

  /** How many skills are served. */
  get size(): number {
    return this.#skills.size;
  }

  /**
   * Adds the skill at `path` (one or more `/`-separated segments, the last its `name`); returns
   * its files, to be served as resources. Throws when `SKILL.md` is missing, has no frontmatter
   * with `name` and `description`, or its `name` is not the last segment or breaks the naming rules.
   */
  add(path: string, files: SkillFiles, scheme = 'skill'): readonly SkillFile[] {
    const skillMd = files[SKILL_FILE];
    if (skillMd === undefined) throw new Error(`Skill ${path} has no ${SKILL_FILE}`);
    const text = typeof skillMd === 'string' ? skillMd : new TextDecoder().decode(skillMd);
    const frontmatter = parseSkillFrontmatter(text);
    if (!frontmatter || typeof frontmatter['name'] !== 'string' || typeof frontmatter['description'] !== 'string') {
      throw new Error(`Skill ${path}: ${SKILL_FILE} needs YAML frontmatter with name and description`);
    }
    const name = frontmatter['name'];
    if (path.split('/').at(-1) !== name)
      throw new Error(`Skill ${path}: its name '${name}' must be the last segment of its path`);
    if (!SKILL_NAME_PATTERN.test(name))
      throw new Error(`Skill ${path}: '${name}' breaks the Agent Skills naming rules`);
    const root = `${scheme}://${path}`;
    const served = Object.entries(files).map(([relative, content]): SkillFile => {
      const extension = relative.includes('.') ? relative.slice(relative.lastIndexOf('.') + 1).toLowerCase() : '';
      const mimeType =
        MIME_TYPES[extension] ?? (typeof content === 'string' ? 'text/plain' : 'application/octet-stream');
      const file = { uri: `${root}/${relative}`, name: relative, mimeType, size: bytesOf(content).byteLength, content };
      return relative === SKILL_FILE ? { ...file, name, description: frontmatter['description'] as string } : file;
    });
    const uri = `${root}/${SKILL_FILE}`;
    const entry$ = defer(() =>
      forkJoin(
        served.map((file) =>
          from(sha256Digest(bytesOf(file.content))).pipe(map((digest) => ({ uri: file.uri, digest, size: file.size }))),
        ),
      ),
    ).pipe(
      map((resources): SkillEntry => ({ uri, frontmatter: frontmatter as SkillEntry['frontmatter'], resources })),
      shareReplay(1),
    );
    this.#skills.set(uri, { uri, root, frontmatter, files: served, entry$ });
    return served;
  }

  /** A page of skill entries (each entry whole: a skill's files are never split across pages). */
  list(cursor: string | undefined, pageSize: number): Observable<{ skills: SkillEntry[]; nextCursor?: string }> {
    return defer(() => {
      const { items, nextCursor } = paginate([...this.#skills.values()], cursor, pageSize);
      return (items.length === 0 ? of([]) : forkJoin(items.map((skill) => skill.entry$))).pipe(
        map((skills) => (nextCursor === undefined ? { skills } : { skills, nextCursor })),
      );
    });
  }

  /** The entry of the skill whose `SKILL.md` is `uri`; -32602 when none is served there. */
  get(uri: string): Observable<SkillEntry> {
    return defer(() => {
      const skill = this.#skills.get(uri);
      if (!skill) throw McpError.protocol(ErrorCode.InvalidParams, `Unknown skill: ${uri}`, { uri });
      return skill.entry$;
    });
  }

  /**
   * The direct children of the directory `uri` (a skill root or a directory inside one):
   * files, and subdirectories with `mimeType: "inode/directory"`; -32602 for any other URI.
   */
  directory(
    uri: string,
    cursor: string | undefined,
    pageSize: number,
  ): { resources: DirectoryChild[]; nextCursor?: string } {
    const children = new Map<string, DirectoryChild>();
    let isDirectory = false;
    for (const skill of this.#skills.values()) {
      if (uri !== skill.root && !uri.startsWith(`${skill.root}/`)) continue;
      const prefix = `${uri}/`;
      for (const file of skill.files) {
        if (!file.uri.startsWith(prefix)) continue;
        isDirectory = true;
        const rest = file.uri.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash < 0) children.set(file.uri, { uri: file.uri, name: rest, mimeType: file.mimeType, size: file.size });
        else
          children.set(`${prefix}${rest.slice(0, slash)}`, {
            uri: `${prefix}${rest.slice(0, slash)}`,
            name: rest.slice(0, slash),
            mimeType: DIRECTORY_MIME_TYPE,
          });
      }
    }
    if (!isDirectory) throw McpError.protocol(ErrorCode.InvalidParams, `Not a directory: ${uri}`, { uri });
    const { items, nextCursor } = paginate([...children.values()], cursor, pageSize);
    return nextCursor === undefined ? { resources: items } : { resources: items, nextCursor };
  }
}
