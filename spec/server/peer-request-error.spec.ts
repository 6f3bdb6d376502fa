import { catchError, map, of } from 'rxjs';
import { McpServer } from '../../lib/server/mcp-server.js';
import { isPeerRequestError } from '../../lib/server/context.js';
import { ErrorCode, McpError } from '../../lib/protocol/errors.js';
import { call, initializedClient } from './helpers.js';

/** `isPeerRequestError` from a second copy of rxmcp's modules (as a CLI loading a user's module has). */
function otherCopy(): (error: unknown) => boolean {
  let fn: ((error: unknown) => boolean) | undefined;
  jest.isolateModules(() => {
    fn = (require('../../lib/server/context.js') as typeof import('../../lib/server/context.js')).isPeerRequestError;
  });
  expect(fn).not.toBe(isPeerRequestError);
  return fn!;
}

describe('isPeerRequestError', () => {
  it('recognises a failed server→client request whichever copy of rxmcp asks', async () => {
    const isPeerElsewhere = otherCopy();
    const seen: boolean[] = [];
    const server = new McpServer({ name: 'asking', version: '1.0.0' });
    server.tool('ask', {}, (_args, ctx) =>
      ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 5 }).pipe(
        map(() => 'answered'),
        catchError((error: unknown) => {
          seen.push(
            isPeerRequestError(error),
            isPeerElsewhere(error),
            isPeerElsewhere(new McpError('protocol', 'mine', { code: ErrorCode.InternalError })),
          );
          return of('failed');
        }),
      ),
    );
    const client = await initializedClient(server, { sampling: {} });
    client.setRequestHandler('sampling/createMessage', () => {
      throw McpError.protocol(ErrorCode.InvalidRequest, 'no model here');
    });
    expect(await call(client, 'tools/call', { name: 'ask', arguments: {} })).toEqual({
      content: [{ type: 'text', text: 'failed' }],
    });
    expect(seen).toEqual([true, true, false]);
  });
});
