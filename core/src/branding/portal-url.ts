/**
 * Where a partner's clients reach the portal: the platform's public URL, on the partner's own
 * portal hostname when it has one, so links a client receives (sign-in, set-password) show the
 * partner's domain and brand rather than the platform's.
 */
export function portalBaseUrl(publicUrl: string, portalHostnames: readonly string[]): string {
  const url = new URL(publicUrl);
  const [hostname] = portalHostnames;
  if (hostname) url.hostname = hostname;
  return url.origin;
}
