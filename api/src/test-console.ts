/** Test helper: a partner console session opened with an API key through the API. */
import type { TestApi } from '@laras/testkit';

export type TestConsoleSession = { cookie: string; csrfToken: string; token: string };

/** Signs in to the console with `apiKey`; throws unless it succeeds. */
export async function signInTestConsole(api: TestApi, apiKey: string): Promise<TestConsoleSession> {
  const response = await api.call<{ csrf_token: string }>('POST', '/v1/console-sessions', {
    body: { api_key: apiKey },
  });
  const header = response.headers.getSetCookie().find((c) => c.startsWith('laras_console='));
  const cookie = header?.split(';')[0];
  if (response.status !== 201 || !cookie) throw new Error(`console sign-in failed: ${response.status}`);
  return { cookie, csrfToken: response.body.csrf_token, token: cookie.slice('laras_console='.length) };
}
