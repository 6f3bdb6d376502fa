/**
 * The skills client scenarios (SEP-2640, α12): a host lists skills without fetching any file,
 * loads a skill only when it uses one (its `SKILL.md` verified by size, digest and frontmatter),
 * and reads a supporting file only from a skill that loaded.
 */
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { listSkills, loadSkill, readSkillFile } from '../../lib/client/index.js';
import { isMcpError } from '../../lib/protocol/errors.js';
import { withSession } from './core.js';
import type { ClientScenario } from './types.js';

/** Lists, loads the first skill, then reads its first supporting file; a failed check is reported, not used. */
const useFirstSkill = withSession(async (client) => {
  const [entry] = await firstValueFrom(listSkills(client));
  if (!entry) return { skills: 0 };
  try {
    const loaded = await lastValueFrom(loadSkill(client, entry));
    const supporting =
      entry.resources === 'dynamic' ? [] : entry.resources.filter((resource) => resource.uri !== entry.uri);
    const files = [];
    for (const resource of supporting.slice(0, 1))
      files.push((await lastValueFrom(readSkillFile(client, entry, resource.uri))).uri);
    return { loaded: loaded.entry.uri, files };
  } catch (error) {
    if (isMcpError(error) && error.kind === 'validation') return { rejected: error.message };
    throw error;
  }
});

export const skillsScenarios: Record<string, ClientScenario> = {
  'sep-2640-client-no-prefetch': withSession(async (client) =>
    (await firstValueFrom(listSkills(client))).map((skill) => skill.frontmatter.name),
  ),
  'sep-2640-client-verify-digest': useFirstSkill,
  'sep-2640-client-verify-size': useFirstSkill,
  'sep-2640-client-verify-frontmatter': useFirstSkill,
};
