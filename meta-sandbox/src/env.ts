/**
 * Where each Meta host lives on a sandbox origin, and the platform configuration that points
 * there. The platform joins `<base>/<version>/<path>` (Graph) and `<base>/<path>` (Instagram), so
 * each base carries its host's prefix.
 */

/** Path prefix of each emulated Meta host. */
export const HOST_PREFIXES = {
  'graph.facebook.com': '/graph',
  'graph.instagram.com': '/ig-graph',
  'api.instagram.com': '/ig-api',
  'www.instagram.com': '/ig',
  'connect.facebook.net/en_US/sdk.js': '/sdk.js',
  'www.facebook.com (dialogs)': '/dialog',
} as const;

/** The platform's environment variables for a sandbox at `baseUrl` (e.g. `http://127.0.0.1:4100`). */
export function sandboxEnv(baseUrl: string): Record<string, string> {
  const origin = new URL(baseUrl).origin;
  return {
    META_GRAPH_URL: `${origin}/graph`,
    INSTAGRAM_GRAPH_URL: `${origin}/ig-graph`,
    INSTAGRAM_API_URL: `${origin}/ig-api`,
    INSTAGRAM_OAUTH_URL: `${origin}/ig`,
    FACEBOOK_SDK_URL: `${origin}/sdk.js`,
    META_ES_ORIGIN: origin,
  };
}
