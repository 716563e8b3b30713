/** A same-site path to go to after signing in; anything else falls back to the default. */
export function safeNext(next: string | null, fallback = '/settings/integrations'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
