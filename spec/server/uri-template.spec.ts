import { UriTemplate, type UriVariables } from '../../lib/server/uri-template.js';

describe('UriTemplate', () => {
  it.each([
    ['test://template/{id}/data', 'test://template/42/data', { id: '42' }],
    ['test://template/{id}/data', 'test://template/a%20b/data', { id: 'a b' }],
    ['file:///{+path}', 'file:///home/me/notes.md', { path: 'home/me/notes.md' }],
    ['test://users/{id}{?page,size}', 'test://users/7?page=2&size=10', { id: '7', page: '2', size: '10' }],
    ['test://users/{id}{?page,size}', 'test://users/7?size=10', { id: '7', size: '10' }],
    ['test://users/{id}{?page,size}', 'test://users/7', { id: '7' }],
    ['test://tree{/segments*}', 'test://tree/a/b/c', { segments: ['a', 'b', 'c'] }],
    ['test://x/{a,b}', 'test://x/1,2', { a: '1', b: '2' }],
    ['test://host{.ext}', 'test://host.json', { ext: 'json' }],
    ['test://m{;v}', 'test://m;v=5', { v: '5' }],
    ['test://q?fixed=1{&extra}', 'test://q?fixed=1&extra=yes', { extra: 'yes' }],
    ['test://doc{#section}', 'test://doc#intro', { section: 'intro' }],
    ['test://static', 'test://static', {}],
  ])('%s matches %s', (template, uri, variables) => {
    expect(new UriTemplate(template).match(uri)).toEqual(variables);
  });

  it.each([
    ['test://template/{id}/data', 'test://template/42/other'],
    ['test://template/{id}/data', 'test://template/4/2/data'],
    ['test://template/{id}/data', 'test://template//data'],
    ['test://static', 'test://static/more'],
  ])('%s does not match %s', (template, uri) => {
    expect(new UriTemplate(template).match(uri)).toBeUndefined();
  });

  it('expands with url-template and matches its own expansions back', () => {
    const template = new UriTemplate('test://users/{id}/files{/path*}{?q}');
    const uri = template.expand({ id: 'a b', path: ['x', 'y z'], q: 'find me' });
    expect(uri).toBe('test://users/a%20b/files/x/y%20z?q=find%20me');
    expect(template.match(uri)).toEqual({ id: 'a b', path: ['x', 'y z'], q: 'find me' });
    expect(template.variableNames).toEqual(['id', 'path', 'q']);
    expect(template.isTemplate).toBe(true);
    expect(new UriTemplate('test://plain').isTemplate).toBe(false);
  });

  it('types the variables of a literal template', () => {
    const variables: UriVariables<'test://{id}/{+path}{/rest*}{?q}'> = { id: '1', path: 'a/b', rest: ['c'] };
    const id: string = variables.id;
    const q: string | undefined = variables.q;
    // @ts-expect-error -- not a variable of the template
    expect(variables.nope).toBeUndefined();
    expect([id, q]).toEqual(['1', undefined]);
  });
});
