/** Small, escaped HTML for the few server-rendered pages (connect links, Meta status pages). */
import { randomBytes } from 'node:crypto';
import { type Branding, readableTextColor } from '@laras/core/branding';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** JSON safe to embed in a <script type="application/json"> element. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

const NEUTRAL = '#334155';

/** A page in the partner's brand: its name, logo and colour, with readable text. */
export function brandedPage(options: {
  title: string;
  branding: Branding | undefined;
  body: string;
  nonce: string;
  script?: string;
}): string {
  const primary = options.branding?.primaryColor ?? NEUTRAL;
  const onPrimary = readableTextColor(primary);
  const name = options.branding?.displayName ?? 'Connect your account';
  const logo = options.branding?.logoUrl
    ? `<img class="logo" src="${escapeHtml(options.branding.logoUrl)}" alt="" height="32">`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)} · ${escapeHtml(name)}</title>
<style nonce="${options.nonce}">
  :root { --brand: ${primary}; --on-brand: ${onPrimary}; }
  body { font-family: system-ui, sans-serif; margin: 0; color: #0f172a; background: #f8fafc; }
  header { background: var(--brand); color: var(--on-brand); padding: 16px 24px; display: flex; gap: 12px; align-items: center; }
  header strong { font-size: 1.1rem; }
  main { max-width: 560px; margin: 40px auto; background: #fff; border-radius: 12px; padding: 32px; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
  button { background: var(--brand); color: var(--on-brand); border: 0; border-radius: 8px; padding: 12px 20px; font-size: 1rem; cursor: pointer; }
  button[disabled] { opacity: .6; cursor: progress; }
  .status { margin-top: 20px; min-height: 1.5em; }
  .status[data-kind="error"] { color: #b91c1c; }
  .status[data-kind="success"] { color: #15803d; }
</style>
</head>
<body>
<header>${logo}<strong>${escapeHtml(name)}</strong></header>
<main>
${options.body}
</main>
${options.script ?? ''}
</body>
</html>`;
}
