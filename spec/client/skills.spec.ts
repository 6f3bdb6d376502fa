import { createHash } from 'node:crypto';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { McpClient } from '../../lib/client/mcp-client.js';
import { getSkill, listSkills, loadSkill, readSkillFile } from '../../lib/client/skills/skill-reader.js';
import { isMcpError } from '../../lib/protocol/errors.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { createMemoryTransportPair } from '../../lib/transport/memory.js';
import { z } from 'zod';

const SKILL_MD =
  '---\nname: pdf\ndescription: Work with PDFs\nmetadata:\n  version: "2"\n---\n# PDF\nSee references/FORMS.md.\n';
const FORMS = '# Forms – ü\n';
const digest = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

function connected() {
  const server = new McpServer({ name: 'skills', version: '1.0.0' }, { pageSize: 1 });
  server.skill('docs/pdf', { 'SKILL.md': SKILL_MD, 'references/FORMS.md': FORMS, 'templates/a/b.md': 'b' });
  server.skill('git', { 'SKILL.md': '---\nname: git\ndescription: Git rules\n---\n' });
  const reads: string[] = [];
  const client = new McpClient(() => {
    const [clientSide, serverSide] = createMemoryTransportPair();
    server.connect(serverSide);
    return clientSide;
  });
  const original = client.readResource.bind(client);
  client.readResource = (uri, options) => {
    reads.push(uri);
    return original(uri, options);
  };
  return { client, reads, connection: client.connect() };
}

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return isMcpError(error) ? [error.kind, error.message] : ['other', String(error)];
  }
  return ['none', ''];
};

describe('skills (SEP-2640) between McpServer and McpClient', () => {
  it('lists every skill across pages with each file’s digest and size, reading no file', async () => {
    const { client, reads, connection } = connected();
    const skills = await firstValueFrom(listSkills(client));
    expect(skills.map((skill) => skill.uri)).toEqual(['skill://docs/pdf/SKILL.md', 'skill://git/SKILL.md']);
    expect(skills[0]).toEqual({
      uri: 'skill://docs/pdf/SKILL.md',
      frontmatter: { name: 'pdf', description: 'Work with PDFs', metadata: { version: '2' } },
      resources: [
        { uri: 'skill://docs/pdf/SKILL.md', digest: digest(SKILL_MD), size: Buffer.byteLength(SKILL_MD) },
        { uri: 'skill://docs/pdf/references/FORMS.md', digest: digest(FORMS), size: Buffer.byteLength(FORMS) },
        { uri: 'skill://docs/pdf/templates/a/b.md', digest: digest('b'), size: 1 },
      ],
    });
    expect(reads).toEqual([]);
    connection.unsubscribe();
  });

  it('loads a skill (SKILL.md only) and reads a listed supporting file, both verified', async () => {
    const { client, reads, connection } = connected();
    const entry = await firstValueFrom(getSkill(client, 'skill://docs/pdf/SKILL.md'));
    const loaded = await lastValueFrom(loadSkill(client, entry));
    expect(loaded.skillMd.text).toBe(SKILL_MD);
    expect(reads).toEqual(['skill://docs/pdf/SKILL.md']);
    expect((await lastValueFrom(readSkillFile(client, entry, 'references/FORMS.md'))).text).toBe(FORMS);
    connection.unsubscribe();
  });

  it('rejects content that does not match the entry: digest, size, frontmatter, or a file the entry does not list', async () => {
    const { client, reads, connection } = connected();
    const entry = await firstValueFrom(getSkill(client, 'skill://docs/pdf/SKILL.md'));
    const [skillMd, ...rest] = entry.resources as Array<{ uri: string; digest: string; size: number }>;
    const withSkillMd = (changes: object) => ({ ...entry, resources: [{ ...skillMd!, ...changes }, ...rest] });
    expect(await failure(lastValueFrom(loadSkill(client, withSkillMd({ digest: digest('other') }))))).toEqual([
      'validation',
      expect.stringContaining('digest'),
    ]);
    expect(await failure(lastValueFrom(loadSkill(client, withSkillMd({ size: skillMd!.size + 1 }))))).toEqual([
      'validation',
      expect.stringContaining('bytes'),
    ]);
    expect(
      await failure(
        lastValueFrom(loadSkill(client, { ...entry, frontmatter: { name: 'pdf', description: 'Something else' } })),
      ),
    ).toEqual(['validation', expect.stringContaining('frontmatter')]);
    const before = reads.length;
    expect(await failure(lastValueFrom(readSkillFile(client, entry, 'secrets.md')))).toEqual([
      'validation',
      expect.stringContaining('not listed'),
    ]);
    expect(reads.length).toBe(before);
    connection.unsubscribe();
  });

  it('skills/get of an unknown skill and resources/directory/read of a file are -32602; a directory lists files and subdirectories', async () => {
    const { client, connection } = connected();
    const code = async (work: Promise<unknown>) =>
      work.then(
        () => 'ok',
        (error: { code?: number }) => error.code,
      );
    expect(await code(firstValueFrom(getSkill(client, 'skill://nope/SKILL.md')))).toBe(-32602);
    const listing = z.looseObject({ resources: z.array(z.looseObject({ uri: z.string(), mimeType: z.string() })) });
    expect(
      await code(
        firstValueFrom(
          client.extensionRequest('resources/directory/read', { uri: 'skill://docs/pdf/SKILL.md' }, listing),
        ),
      ),
    ).toBe(-32602);
    const root = await firstValueFrom(
      client.extensionRequest('resources/directory/read', { uri: 'skill://docs/pdf/templates' }, listing),
    );
    expect(root.resources).toEqual([{ uri: 'skill://docs/pdf/templates/a', name: 'a', mimeType: 'inode/directory' }]);
    connection.unsubscribe();
  });
});
