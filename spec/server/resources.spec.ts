import { of } from 'rxjs';
import { McpServer } from '../../lib/server/mcp-server.js';
import { ofMethod } from '../../lib/session/of-method.js';
import { notification } from '../../lib/testing/index.js';
import { call, expectOfficial, initializedClient } from './helpers.js';

function server() {
  const s = new McpServer({ name: 'resources', version: '1.0.0' });
  s.resource(
    'test://static-text',
    { name: 'static-text', title: 'Static text', mimeType: 'text/plain', size: 5 },
    () => 'hello',
  );
  s.resource('test://static-blob', { name: 'static-blob', mimeType: 'application/octet-stream' }, (uri) => [
    { uri, mimeType: 'application/octet-stream', blob: btoa('bytes') },
  ]);
  s.resourceTemplate(
    'test://template/{id}/data',
    {
      name: 'data',
      description: 'Data by id',
      mimeType: 'application/json',
      list: () => of([{ uri: 'test://template/1/data', name: 'data 1' }]),
      complete: { id: (value) => ['1', '2', '10'].filter((id) => id.startsWith(value)) },
    },
    (uri, { id }) => ({ contents: [{ uri, mimeType: 'application/json', text: JSON.stringify({ id }) }] }),
  );
  s.resourceTemplate('test://{anything}', { name: 'catch-all' }, (uri, { anything }) => `caught ${anything}`);
  return s;
}

describe('resources', () => {
  it('lists static resources, then what templates list', async () => {
    const client = await initializedClient(server());
    const listed = await call(client, 'resources/list');
    expectOfficial('ListResourcesResult', listed);
    expect(listed).toEqual({
      resources: [
        { name: 'static-text', title: 'Static text', uri: 'test://static-text', mimeType: 'text/plain', size: 5 },
        { name: 'static-blob', uri: 'test://static-blob', mimeType: 'application/octet-stream' },
        { uri: 'test://template/1/data', name: 'data 1' },
      ],
    });
  });

  it('lists templates', async () => {
    const client = await initializedClient(server());
    const listed = await call(client, 'resources/templates/list');
    expectOfficial('ListResourceTemplatesResult', listed);
    expect(listed.resourceTemplates).toEqual([
      {
        name: 'data',
        description: 'Data by id',
        mimeType: 'application/json',
        uriTemplate: 'test://template/{id}/data',
      },
      { name: 'catch-all', uriTemplate: 'test://{anything}' },
    ]);
  });

  it('reads static resources first, then the first matching template in registration order', async () => {
    const client = await initializedClient(server());
    const text = await call(client, 'resources/read', { uri: 'test://static-text' });
    expectOfficial('ReadResourceResult', text);
    expect(text).toEqual({ contents: [{ uri: 'test://static-text', mimeType: 'text/plain', text: 'hello' }] });
    expect(await call(client, 'resources/read', { uri: 'test://static-blob' })).toEqual({
      contents: [{ uri: 'test://static-blob', mimeType: 'application/octet-stream', blob: btoa('bytes') }],
    });
    expect(await call(client, 'resources/read', { uri: 'test://template/42/data' })).toEqual({
      contents: [{ uri: 'test://template/42/data', mimeType: 'application/json', text: '{"id":"42"}' }],
    });
    expect(await call(client, 'resources/read', { uri: 'test://other' })).toEqual({
      contents: [{ uri: 'test://other', text: 'caught other' }],
    });
  });

  it('answers an unknown URI with -32002 and the uri as data', async () => {
    const s = new McpServer({ name: 'r', version: '1' });
    s.resource('test://known', { name: 'known' }, () => 'k');
    const client = await initializedClient(s);
    await expect(call(client, 'resources/read', { uri: 'test://unknown' })).rejects.toMatchObject({
      kind: 'protocol',
      code: -32002,
      message: 'Resource not found: test://unknown',
      data: { uri: 'test://unknown' },
    });
  });

  it('hides and refuses disabled resources and templates', async () => {
    const s = new McpServer({ name: 'r', version: '1' });
    const handle = s.resource('test://a', { name: 'a' }, () => 'a');
    const template = s.resourceTemplate('test://t/{x}', { name: 't' }, () => 't');
    const client = await initializedClient(s);
    handle.disable();
    template.disable();
    expect((await call(client, 'resources/list')).resources).toEqual([]);
    expect((await call(client, 'resources/templates/list')).resourceTemplates).toEqual([]);
    await expect(call(client, 'resources/read', { uri: 'test://a' })).rejects.toMatchObject({ code: -32002 });
    await expect(call(client, 'resources/read', { uri: 'test://t/1' })).rejects.toMatchObject({ code: -32002 });
    template.enable();
    template.update({ uriTemplate: 'test://u/{x}', handler: (_uri, { x }) => `u ${x}` });
    expect(await call(client, 'resources/read', { uri: 'test://u/9' })).toEqual({
      contents: [{ uri: 'test://u/9', text: 'u 9' }],
    });
  });

  it('answers invalid contents with -32603', async () => {
    const s = new McpServer({ name: 'r', version: '1' });
    s.resource('test://bad', { name: 'bad' }, () => [{ uri: 'test://bad' }] as never);
    const client = await initializedClient(s);
    await expect(call(client, 'resources/read', { uri: 'test://bad' })).rejects.toMatchObject({ code: -32603 });
  });
});

describe('resource subscriptions', () => {
  it('send notifications/resources/updated to subscribed sessions only, until they unsubscribe', async () => {
    const s = server();
    const subscriber = await initializedClient(s);
    const bystander = await initializedClient(s);
    const seen: string[] = [];
    subscriber.notifications$.pipe(ofMethod('notifications/resources/updated')).subscribe((n) => {
      expectOfficial('ResourceUpdatedNotification', n);
      expect(n).toEqual(notification('notifications/resources/updated', { uri: n.params?.['uri'] }));
      seen.push(`sub:${n.params?.['uri']}`);
    });
    bystander.notifications$
      .pipe(ofMethod('notifications/resources/updated'))
      .subscribe((n) => seen.push(`by:${n.params?.['uri']}`));
    expect(await call(subscriber, 'resources/subscribe', { uri: 'test://static-text' })).toEqual({});
    await call(subscriber, 'resources/subscribe', { uri: 'test://template/3/data' });
    s.notifyResourceUpdated('test://static-text');
    s.notifyResourceUpdated('test://template/3/data');
    s.notifyResourceUpdated('test://static-blob');
    expect(await call(subscriber, 'resources/unsubscribe', { uri: 'test://static-text' })).toEqual({});
    s.notifyResourceUpdated('test://static-text');
    expect(seen).toEqual(['sub:test://static-text', 'sub:test://template/3/data']);
  });

  it('announces subscribe and listChanged with resources', async () => {
    const client = await initializedClient(server());
    expect(client.server?.capabilities.resources).toEqual({ subscribe: true, listChanged: true });
  });
});
