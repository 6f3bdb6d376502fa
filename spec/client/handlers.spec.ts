import { firstValueFrom, NEVER, of } from 'rxjs';
import { LATEST_PROTOCOL_VERSION } from '../../lib/protocol/versions.js';
import { createFakeTransport, request, result } from '../../lib/testing/index.js';
import { applyElicitationDefaults, deriveCapabilities, McpClient } from '../../lib/client/index.js';
import type { ClientHandlers } from '../../lib/client/index.js';
import type { ElicitRequestParams } from '../../lib/protocol/index.js';
import { createPeer } from './peer.js';

/** A connected client and the server session on the other side. */
function connected(handlers: ClientHandlers, capabilities?: Record<string, unknown>) {
  const peer = createPeer();
  const client = new McpClient(peer.factory, { handlers, ...(capabilities && { capabilities }) });
  const held = client.connect();
  return { client, peer, server: peer.last.server, held };
}

const sampled = { model: 'm', role: 'assistant' as const, content: { type: 'text' as const, text: 'hi' } };
const sample = { messages: [{ role: 'user', content: { type: 'text', text: 'hello' } }], maxTokens: 10 };

describe('capabilities derived from handlers', () => {
  it('announces sampling, elicitation (form and url) and roots (listChanged) for the handlers given', () => {
    const { server, held } = connected({
      sampling: () => sampled,
      elicitation: () => ({ action: 'cancel' }),
      roots: () => [],
    });
    expect(server.client?.capabilities).toEqual({
      sampling: {},
      elicitation: { form: {}, url: {} },
      roots: { listChanged: true },
    });
    held.unsubscribe();
  });

  it('announces nothing without handlers, and explicit capabilities win', () => {
    expect(deriveCapabilities()).toEqual({});
    expect(
      deriveCapabilities(
        { elicitation: () => ({ action: 'decline' }) },
        { elicitation: { form: {} }, experimental: { x: {} } },
      ),
    ).toEqual({
      elicitation: { form: {} },
      experimental: { x: {} },
    });
  });
});

describe('sampling', () => {
  it('answers sampling/createMessage with a value, a Promise or an Observable', async () => {
    for (const answer of [() => sampled, async () => sampled, () => of(sampled)]) {
      const { server, held } = connected({ sampling: answer });
      await expect(firstValueFrom(server.request('sampling/createMessage', sample))).resolves.toEqual(sampled);
      held.unsubscribe();
    }
  });

  it('passes the parsed params and a context', async () => {
    const seen: unknown[] = [];
    const { server, held } = connected({
      sampling: (params, context) => {
        seen.push(params.maxTokens, typeof context.signal.aborted);
        return sampled;
      },
    });
    await firstValueFrom(server.request('sampling/createMessage', sample));
    expect(seen).toEqual([10, 'boolean']);
    held.unsubscribe();
  });

  it('answers -32602 for bad params and -32603 for a bad or missing answer', async () => {
    const bad = connected({ sampling: () => ({ model: 'm' }) as never });
    await expect(firstValueFrom(bad.server.request('sampling/createMessage', { messages: 'x' }))).rejects.toMatchObject(
      { code: -32602 },
    );
    await expect(firstValueFrom(bad.server.request('sampling/createMessage', sample))).rejects.toMatchObject({
      code: -32603,
    });
    const empty = connected({ sampling: () => of() as never });
    await expect(firstValueFrom(empty.server.request('sampling/createMessage', sample))).rejects.toMatchObject({
      code: -32603,
    });
    const thrown = connected({
      sampling: () => {
        throw new Error('no model');
      },
    });
    await expect(firstValueFrom(thrown.server.request('sampling/createMessage', sample))).rejects.toMatchObject({
      code: -32603,
      message: 'no model',
    });
  });

  it('cancels a pending handler when the server cancels', async () => {
    let aborted = false;
    const { server, held } = connected({
      sampling: (_params, context) => {
        context.signal.addEventListener('abort', () => (aborted = true));
        return NEVER;
      },
    });
    server.request('sampling/createMessage', sample).subscribe().unsubscribe();
    expect(aborted).toBe(true);
    held.unsubscribe();
  });

  it('answers -32601 when a capability is announced without a handler', async () => {
    const { server, held } = connected({}, { sampling: {} });
    await expect(firstValueFrom(server.request('sampling/createMessage', sample))).rejects.toMatchObject({
      code: -32601,
    });
    held.unsubscribe();
  });
});

describe('elicitation', () => {
  const form: ElicitRequestParams = {
    mode: 'form',
    message: 'Your details?',
    requestedSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', default: 'Ada' },
        age: { type: 'integer', default: 36 },
        subscribe: { type: 'boolean', default: false },
        colour: { type: 'string', enum: ['red', 'green'], default: 'green' },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, default: ['a'] },
        email: { type: 'string', format: 'email' },
      },
      required: ['name'],
    },
  };

  it('applies the requestedSchema defaults to fields missing from accepted content (SEP-1034)', async () => {
    const { server, held } = connected({
      elicitation: () => ({ action: 'accept', content: { name: 'Grace', email: 'g@x.org' } }),
    });
    await expect(firstValueFrom(server.request('elicitation/create', form))).resolves.toEqual({
      action: 'accept',
      content: { name: 'Grace', email: 'g@x.org', age: 36, subscribe: false, colour: 'green', tags: ['a'] },
    });
    held.unsubscribe();
  });

  it('fills in content that was left out entirely, and leaves declines and cancels alone', () => {
    expect(applyElicitationDefaults(form, { action: 'accept' })).toEqual({
      action: 'accept',
      content: { name: 'Ada', age: 36, subscribe: false, colour: 'green', tags: ['a'] },
    });
    expect(applyElicitationDefaults(form, { action: 'decline' })).toEqual({ action: 'decline' });
    expect(applyElicitationDefaults(form, { action: 'cancel' })).toEqual({ action: 'cancel' });
    const given = {
      action: 'accept' as const,
      content: { name: 'x', age: 1, subscribe: true, colour: 'red', tags: [] },
    };
    expect(applyElicitationDefaults(form, given)).toBe(given);
  });

  it('refuses a mode the client did not announce with -32602', () => {
    const fake = createFakeTransport();
    const client = new McpClient(() => fake.transport, {
      handlers: { elicitation: () => ({ action: 'accept' }) },
      capabilities: { elicitation: {} },
    });
    const held = client.connect();
    fake.receive(
      result(1, {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        serverInfo: { name: 's', version: '1' },
      }),
    );
    fake.receive(
      request(7, 'elicitation/create', {
        mode: 'url',
        message: 'Sign in',
        url: 'https://example.com/login',
        elicitationId: 'e1',
      }),
    );
    fake.receive(
      request(8, 'elicitation/create', { message: 'Name?', requestedSchema: { type: 'object', properties: {} } }),
    );
    expect(fake.sent.slice(2)).toEqual([
      expect.objectContaining({ id: 7, error: expect.objectContaining({ code: -32602 }) }),
      { jsonrpc: '2.0', id: 8, result: { action: 'accept' } },
    ]);
    held.unsubscribe();
  });

  it('passes URL-mode requests to the handler untouched', async () => {
    const seen: unknown[] = [];
    const { server, held } = connected({
      elicitation: (params) => {
        seen.push(params.mode);
        return { action: 'accept' };
      },
    });
    const url = { mode: 'url', message: 'Sign in', url: 'https://example.com/login', elicitationId: 'e1' };
    await expect(firstValueFrom(server.request('elicitation/create', url))).resolves.toEqual({ action: 'accept' });
    expect(seen).toEqual(['url']);
    held.unsubscribe();
  });
});

describe('roots', () => {
  it('answers roots/list from the handler', async () => {
    const roots = [{ uri: 'file:///project', name: 'project' }];
    const { server, held } = connected({ roots: async () => roots });
    await expect(firstValueFrom(server.request('roots/list'))).resolves.toEqual({ roots });
    held.unsubscribe();
  });

  it('rootsChanged() sends notifications/roots/list_changed while connected, and nothing otherwise', () => {
    const { client, peer, held } = connected({ roots: () => [] });
    client.rootsChanged();
    expect(peer.methods(0)).toEqual(['initialize', 'notifications/initialized', 'notifications/roots/list_changed']);
    held.unsubscribe();
    expect(() => client.rootsChanged()).not.toThrow();
    expect(peer.connections).toHaveLength(1);
  });

  it('rootsChanged() sends nothing without the roots.listChanged capability', () => {
    const { client, peer, held } = connected({ roots: () => [] }, { roots: {} });
    client.rootsChanged();
    expect(peer.methods(0)).toEqual(['initialize', 'notifications/initialized']);
    held.unsubscribe();
  });

  it('a server request to a client without the capability is refused before it is sent', async () => {
    const { server, held } = connected({});
    await expect(firstValueFrom(server.request('roots/list'))).rejects.toMatchObject({ code: -32601 });
    held.unsubscribe();
  });
});
