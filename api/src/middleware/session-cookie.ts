/**
 * The portal's session cookie. Set by hand rather than through Koa's cookie helper so the exact
 * attributes are ours: HttpOnly, SameSite=Lax, Path=/, Max-Age, and Secure whenever the public URL
 * is https (even when TLS ends at a proxy in front of the API).
 */
import type { AppContext } from '../state.ts';

export const SESSION_COOKIE = 'laras_session';
/** The partner console's session cookie: a separate name, so the two never overwrite each other. */
export const CONSOLE_COOKIE = 'laras_console';

/** The session token the browser sent, if any. */
export function readSessionCookie(ctx: AppContext): string | undefined {
  return readCookie(ctx, SESSION_COOKIE);
}

/** The console session token the browser sent, if any. */
export function readConsoleCookie(ctx: AppContext): string | undefined {
  return readCookie(ctx, CONSOLE_COOKIE);
}

function readCookie(ctx: AppContext, name: string): string | undefined {
  const header = ctx.get('Cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

function write(ctx: AppContext, value: string, maxAgeSeconds: number, name = SESSION_COOKIE): void {
  const secure = ctx.state.deps.config.http.publicUrl.startsWith('https:');
  const attributes = [`Path=/`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (secure) attributes.push('Secure');
  ctx.append('Set-Cookie', [`${name}=${value}`, ...attributes].join('; '));
}

export function setSessionCookie(ctx: AppContext, token: string, maxAgeSeconds: number): void {
  write(ctx, token, maxAgeSeconds);
}

export function clearSessionCookie(ctx: AppContext): void {
  write(ctx, '', 0);
}

export function setConsoleCookie(ctx: AppContext, token: string, maxAgeSeconds: number): void {
  write(ctx, token, maxAgeSeconds, CONSOLE_COOKIE);
}

export function clearConsoleCookie(ctx: AppContext): void {
  write(ctx, '', 0, CONSOLE_COOKIE);
}
