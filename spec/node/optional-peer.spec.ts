import { isMissingPackage, loadPeer } from '../../lib/node/optional-peer.js';

const notFound = (name: string) =>
  Object.assign(new Error(`Cannot find module '${name}'\nRequire stack: …`), { code: 'MODULE_NOT_FOUND' });

describe('loadPeer', () => {
  it('returns the package when it loads', () => {
    expect(loadPeer<{ ok: boolean }>('express', 'createMcpRouter', () => ({ ok: true }))).toEqual({ ok: true });
  });

  it('loads a real installed peer through require', () => {
    expect(typeof loadPeer<{ WebSocketServer: unknown }>('ws', 'createMcpWebSocketHandler').WebSocketServer).toBe(
      'function',
    );
  });

  it('names the missing package, the function that needs it and how to install it', () => {
    const load = () => {
      throw notFound('ws');
    };
    expect(() => loadPeer('ws', 'createMcpWebSocketHandler', load)).toThrow(
      'createMcpWebSocketHandler needs the package "ws" (an optional peer dependency of rxmcp): npm install ws',
    );
  });

  it('rethrows as it is when something the package imports is missing, or it fails otherwise', () => {
    const inner = notFound('some-dependency-of-express');
    expect(() =>
      loadPeer('express', 'createMcpRouter', () => {
        throw inner;
      }),
    ).toThrow(inner);
    const broken = new TypeError('boom');
    expect(() =>
      loadPeer('express', 'createMcpRouter', () => {
        throw broken;
      }),
    ).toThrow(broken);
  });

  it('tells a missing package from a missing module of the ES module loader', () => {
    expect(
      isMissingPackage(
        Object.assign(new Error("Cannot find package 'tsx' imported from /x.js"), { code: 'ERR_MODULE_NOT_FOUND' }),
        'tsx',
      ),
    ).toBe(true);
    expect(isMissingPackage(new Error("Cannot find module 'tsx'"), 'tsx')).toBe(false);
  });
});
