/**
 * @module
 * The request handlers of the skills extension (SEP-2640): `skills/list`, `skills/get` and
 * `resources/directory/read`, over the server's {@link SkillCatalog}.
 */
import { map } from 'rxjs';
import type { SafeParser } from '../../protocol/fast-path.js';
import {
  DirectoryReadParamsSchema,
  GetSkillParamsSchema,
  ListSkillsParamsSchema,
  type SkillEntry,
} from '../../protocol/skills.js';
import type { SkillCatalog } from './skill-catalog.js';

/** A handler of a method outside the core protocol: its params schema and what it runs. */
export interface ExtensionHandler {
  readonly params: SafeParser<unknown>;
  readonly run: (params: never, features: { readonly skills: SkillCatalog; readonly pageSize: number }) => unknown;
}

const asGetResult = map((skill: SkillEntry) => ({ skill }));

/** The skills extension's handlers, by method. */
export const SKILL_HANDLERS: Readonly<Record<string, ExtensionHandler>> = {
  'skills/list': {
    params: ListSkillsParamsSchema as SafeParser<unknown>,
    run: ({ cursor }: { cursor?: string }, { skills, pageSize }) => skills.list(cursor, pageSize),
  },
  'skills/get': {
    params: GetSkillParamsSchema as SafeParser<unknown>,
    run: ({ uri }: { uri: string }, { skills }) => skills.get(uri).pipe(asGetResult),
  },
  'resources/directory/read': {
    params: DirectoryReadParamsSchema as SafeParser<unknown>,
    run: ({ uri, cursor }: { uri: string; cursor?: string }, { skills, pageSize }) =>
      skills.directory(uri, cursor, pageSize),
  },
};
