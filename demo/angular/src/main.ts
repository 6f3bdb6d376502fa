/**
 * The Angular demo: a tool browser, a live resource panel, a connection indicator and elicitation
 * as a form, over Streamable HTTP to the everything server (`?server=http://host:port`, default
 * http://127.0.0.1:3000). Zoneless. `npm run demo:angular` builds it and serves it beside the server.
 */
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { createStreamableHttpClientTransport } from '../../../lib/index.js';
import { provideMcpClient } from '../../../lib/angular/index.js';
import { DemoComponent } from './app/demo.component';
import { ElicitationInbox } from './app/elicitation-inbox';

const server = new URLSearchParams(location.search).get('server') ?? 'http://127.0.0.1:3000';
const inbox = new ElicitationInbox();

bootstrapApplication(DemoComponent, {
  providers: [
    provideZonelessChangeDetection(),
    { provide: ElicitationInbox, useValue: inbox },
    provideMcpClient(
      () =>
        createStreamableHttpClientTransport(new URL('/mcp', server), {
          reconnect: { initialDelay: 250, maxDelay: 2000 },
        }),
      {
        clientInfo: { name: 'rxmcp-angular-demo', version: '1.0.0' },
        handlers: { elicitation: (params) => inbox.ask(params) },
        retryDelay: 500,
      },
    ),
  ],
}).catch((error: unknown) => console.error(error));
