import { authorizedFetch, type HttpAuthProvider, isAuthChallenge } from '../../../lib/transport/http/http-auth.js';

const reply = (status: number, wwwAuthenticate?: string) =>
  new Response('{}', { status, headers: wwwAuthenticate ? { 'www-authenticate': wwwAuthenticate } : {} });

function provider(answers: boolean[]): HttpAuthProvider & { seen: number[]; token: number; passed: number[] } {
  const state = {
    seen: [] as number[],
    passed: [] as number[],
    token: 0,
    headers: async (): Promise<Record<string, string>> =>
      state.token ? { authorization: `Bearer t${state.token}` } : {},
    challenged: async (response: Response) => {
      state.seen.push(response.status);
      const answer = answers.shift() ?? false;
      if (answer) state.token++;
      return answer;
    },
    responded: (response: Response) => void state.passed.push(response.status),
  };
  return state;
}

describe('authorizedFetch', () => {
  it("adds the provider headers to the caller's and resends after an answered 401", async () => {
    const sent: Array<Record<string, string>> = [];
    const statuses = [401, 200];
    const fetch = async (_: string | URL, init?: RequestInit) => {
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
      sent.push(headers);
      return reply(statuses.shift()!, 'Bearer');
    };
    const auth = provider([true]);
    const response = await authorizedFetch(fetch, auth)('https://x.example/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(sent).toEqual([
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', authorization: 'Bearer t1' },
    ]);
    expect(auth.passed).toEqual([200]);
  });

  it('hands the challenge on when the provider declines, and gives up after two retries', async () => {
    const declined = provider([false]);
    expect((await authorizedFetch(async () => reply(401), declined)('https://x.example/')).status).toBe(401);
    expect(declined.seen).toEqual([401]);
    let calls = 0;
    const always = provider([true, true, true, true]);
    const response = await authorizedFetch(
      async () => (calls++, reply(403, 'Bearer error="insufficient_scope"')),
      always,
    )('https://x.example/');
    expect(response.status).toBe(403);
    expect(calls).toBe(3);
    expect(always.seen).toEqual([403, 403]);
  });

  it('treats only 401 and 403 insufficient_scope as challenges', () => {
    expect(isAuthChallenge(reply(401))).toBe(true);
    expect(isAuthChallenge(reply(403, 'Bearer error="insufficient_scope", scope="x"'))).toBe(true);
    expect(isAuthChallenge(reply(403, 'Bearer error="invalid_token"'))).toBe(false);
    expect(isAuthChallenge(reply(403))).toBe(false);
    expect(isAuthChallenge(reply(200))).toBe(false);
  });
});
