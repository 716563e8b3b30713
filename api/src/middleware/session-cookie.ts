/**
 * The portal's session cookie. Set by hand rather than through Koa's cookie helper so the exact
 * attributes are ours: HttpOnly, SameSite=Lax, Path=/, Max-Age, and Secure whenever the public URL
 * is https (even when TLS ends at a proxy in front of the API).
 */
import type { AppContext } from '../state.ts';

export const SESSION_COOKIE = 'laras_session';

/** The session token the browser sent, if any. */
export function readSessionCookie(ctx: AppContext): string | undefined {
  const header = ctx.get('Cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === SESSION_COOKIE) {
      const value = part.slice(index + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

function write(ctx: AppContext, value: string, maxAgeSeconds: number): void {
  const secure = ctx.state.deps.config.http.publicUrl.startsWith('https:');
  const attributes = [`Path=/`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (secure) attributes.push('Secure');
  ctx.append('Set-Cookie', [`${SESSION_COOKIE}=${value}`, ...attributes].join('; '));
}

export function setSessionCookie(ctx: AppContext, token: string, maxAgeSeconds: number): void {
  write(ctx, token, maxAgeSeconds);
}

export function clearSessionCookie(ctx: AppContext): void {
  write(ctx, '', 0);
}
