import { asyncScheduler, type SchedulerLike } from 'rxjs';
import * as z from 'zod';
import { McpServer } from '../../lib/server/mcp-server.js';
import { ofMethod } from '../../lib/session/of-method.js';
import { notification } from '../../lib/testing/index.js';
import { connectClient, marbles } from './helpers.js';

const info = { name: 'changing', version: '1.0.0' };
const toolsChanged = notification('notifications/tools/list_changed');

function seeded() {
  const server = new McpServer(info, { listChangedDelay: 10 });
  server.tool('seed', {}, () => 'seed');
  server.prompt('seed', {}, () => 'seed');
  server.resource('test://seed', { name: 'seed' }, () => 'seed');
  return server;
}

describe('list_changed notifications', () => {
  it('coalesce three registrations within the window into one notification', () => {
    marbles().run(({ cold, expectObservable }) => {
      const server = seeded();
      const { client } = connectClient(server);
      client.initialize().subscribe();
      expectObservable(client.notifications$.pipe(ofMethod('notifications/tools/list_changed'))).toBe('11ms n', {
        n: toolsChanged,
      });
      cold('-a-b-c').subscribe((name) => server.tool(name, {}, () => name));
    });
  });

  it('send one notification per window, per kind', () => {
    marbles().run(({ cold, expectObservable }) => {
      const server = seeded();
      const { client } = connectClient(server);
      client.initialize().subscribe();
      const changed = client.notifications$.pipe(
        ofMethod(
          'notifications/tools/list_changed',
          'notifications/prompts/list_changed',
          'notifications/resources/list_changed',
        ),
      );
      expectObservable(changed).toBe('10ms (tp) 22ms r 8ms t', {
        t: toolsChanged,
        p: notification('notifications/prompts/list_changed'),
        r: notification('notifications/resources/list_changed'),
      });
      const handle = server.tool('x', { inputSchema: z.object({}) }, () => '');
      server.prompt('p', {}, () => 'p');
      cold('--------------------------ab-------c').subscribe((step) => {
        if (step === 'a') server.resource('test://a', { name: 'a' }, () => 'a');
        if (step === 'b') server.resourceTemplate('test://t/{id}', { name: 't' }, () => 't');
        if (step === 'c') handle.disable();
      });
    });
  });

  it('go only to initialized sessions that were announced listChanged for that kind', () => {
    marbles().run(({ expectObservable, flush }) => {
      const server = new McpServer(info, { listChangedDelay: 5 });
      server.prompt('seed', {}, () => 'seed');
      const promptsOnly = connectClient(server).client; // connected before any tool existed
      promptsOnly.initialize().subscribe();
      server.tool('seed', {}, () => 'seed');
      const initialized = connectClient(server).client;
      initialized.initialize().subscribe();
      const silent = connectClient(server).client; // never initializes
      expectObservable(promptsOnly.notifications$.pipe(ofMethod('notifications/tools/list_changed'))).toBe('');
      expectObservable(initialized.notifications$.pipe(ofMethod('notifications/tools/list_changed'))).toBe('5ms n', {
        n: toolsChanged,
      });
      expectObservable(silent.notifications$).toBe('');
      flush();
      server.tool('more', {}, () => 'more');
    });
  });

  it('are not even scheduled while no session is connected', () => {
    marbles().run(({ flush }) => {
      let scheduled = 0;
      const scheduler: SchedulerLike = {
        now: () => asyncScheduler.now(),
        schedule: (...args: Parameters<SchedulerLike['schedule']>) => (scheduled++, asyncScheduler.schedule(...args)),
      } as SchedulerLike;
      const server = new McpServer(info, { scheduler });
      server.tool('seed', {}, () => 'seed');
      expect(scheduled).toBe(0);
      const { client, close } = connectClient(server);
      client.initialize().subscribe();
      server.tool('second', {}, () => 'second');
      expect(scheduled).toBe(1);
      flush();
      close();
      expect(server.sessionCount).toBe(0);
      server.tool('late', {}, () => 'late');
      expect(scheduled).toBe(1);
    });
  });

  it('notifyListChanged announces a change of what templates list', () => {
    marbles().run(({ expectObservable }) => {
      const server = seeded();
      const { client } = connectClient(server);
      client.initialize().subscribe();
      expectObservable(client.notifications$.pipe(ofMethod('notifications/resources/list_changed'))).toBe('10ms r', {
        r: notification('notifications/resources/list_changed'),
      });
      server.notifyListChanged('resources');
      server.notifyListChanged('resources');
    });
  });
});
