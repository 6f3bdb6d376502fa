/**
 * @module
 * The user-agent step in a browser: the authorization URL opens in a popup, and the page at the
 * redirect URI (same origin as the app) hands its own URL back with {@link completeBrowserPopup}.
 */
import type { Authorize } from './authorization-code.js';

const MESSAGE = 'rxmcp:oauth-callback';

/** Options of {@link browserPopup}. */
export interface BrowserPopupOptions {
  /** The window that opens the popup and hears back. @defaultValue `globalThis.window` */
  readonly window?: Window;
  /** `window.open` features. @defaultValue `'popup,width=500,height=700'` */
  readonly features?: string;
}

/**
 * An {@link Authorize} step that opens the authorization URL in a popup and resolves with the
 * redirect the callback page reports; rejects when the popup is blocked.
 *
 * @example
 * createOAuthClient({ authorize: browserPopup(), redirectUri: `${location.origin}/oauth-callback.html`, metadata });
 * // oauth-callback.html: <script type="module">import { completeBrowserPopup } from 'rxmcp'; completeBrowserPopup();</script>
 */
export function browserPopup(options: BrowserPopupOptions = {}): Authorize {
  return (authorizationUrl) => {
    const host = options.window ?? globalThis.window;
    return new Promise<URL>((resolve, reject) => {
      const listen = (event: MessageEvent) => {
        const data = event.data as { type?: unknown; url?: unknown } | null;
        if (event.origin !== host.location.origin || data?.type !== MESSAGE || typeof data.url !== 'string') return;
        host.removeEventListener('message', listen);
        resolve(new URL(data.url));
      };
      host.addEventListener('message', listen);
      const popup = host.open(authorizationUrl.href, 'rxmcp-oauth', options.features ?? 'popup,width=500,height=700');
      if (!popup) {
        host.removeEventListener('message', listen);
        reject(new Error('The authorization popup was blocked'));
      }
    });
  };
}

/**
 * Called by the page at the redirect URI: reports its URL (code, state, iss) to the app that
 * opened it, then closes the popup.
 *
 * @example
 * completeBrowserPopup();
 */
export function completeBrowserPopup(page: Window = globalThis.window): void {
  page.opener?.postMessage({ type: MESSAGE, url: page.location.href }, page.location.origin);
  page.close();
}
