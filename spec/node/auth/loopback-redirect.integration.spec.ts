import { loopbackRedirect } from '../../../lib/node/auth/loopback-redirect.js';
import { until } from '../../support/until.js';

describe('loopbackRedirect', () => {
  it('shows the authorization URL and resolves with the redirect the browser brings back', async () => {
    const shown: URL[] = [];
    const loopback = await loopbackRedirect({ open: (url) => void shown.push(url) });
    try {
      expect(loopback.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      const callback = loopback.authorize(new URL('https://as.example/authorize?x=1'));
      await until(() => shown.length > 0, 'the URL shown');
      expect(shown.map((url) => url.href)).toEqual(['https://as.example/authorize?x=1']);
      expect((await fetch(new URL('/elsewhere', loopback.redirectUri))).status).toBe(404);
      const page = await fetch(`${loopback.redirectUri}?code=abc&state=s1&iss=https%3A%2F%2Fas.example`);
      expect(page.status).toBe(200);
      const url = new URL(await callback);
      expect(Object.fromEntries(url.searchParams)).toEqual({ code: 'abc', state: 's1', iss: 'https://as.example' });
    } finally {
      await loopback.close();
    }
  });

  it('rejects a pending authorization when closed', async () => {
    const loopback = await loopbackRedirect({ open: () => undefined });
    const callback = loopback.authorize(new URL('https://as.example/authorize'));
    await loopback.close();
    await expect(callback).rejects.toThrow(/closed/);
  });
});
