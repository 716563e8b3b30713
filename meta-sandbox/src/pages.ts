/** The HTML shell of the sandbox's dialogs: plain, accessible, with a nonce-based CSP. */
import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { escapeHtml } from './http.ts';

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 0; background: #f0f2f5; color: #1c1e21; }
main { max-width: 30rem; margin: 2rem auto; background: #fff; border-radius: 8px; padding: 1.5rem 2rem;
  box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.banner { font-size: .8rem; color: #65676b; border-bottom: 1px solid #dadde1; padding-bottom: .5rem; }
label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
select, input[type=text], textarea { width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
table { margin-top: 1rem; font-size: .8rem; border-collapse: collapse; width: 100%; table-layout: fixed; }
td:last-child { word-break: break-all; }
.ok { color: #1b7f3b; }
td, th { text-align: left; padding: .2rem .4rem; border-top: 1px solid #dadde1; vertical-align: top; }
.actions { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1.5rem; }
button { font-size: 1rem; padding: .5rem 1.25rem; border-radius: 6px; border: 1px solid #ccd0d5; background: #e4e6eb; cursor: pointer; }
button.primary { background: #1877f2; color: #fff; border-color: #1877f2; }
.error { color: #b00020; }
`;

/** Renders a dialog page and sets its CSP; inline script only with the page's nonce. */
export function renderPage(
  ctx: Context,
  page: { title: string; body: string; script?: string; status?: number },
): void {
  const nonce = randomBytes(16).toString('base64');
  ctx.set(
    'Content-Security-Policy',
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self' http: https:; base-uri 'none'`,
  );
  ctx.set('Cache-Control', 'no-store');
  ctx.status = page.status ?? 200;
  ctx.type = 'html';
  ctx.body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main>
<p class="banner">Meta sandbox: a local stand-in for Meta. Nothing here reaches the real Meta.</p>
${page.body}
</main>${page.script ? `<script nonce="${nonce}">${page.script}</script>` : ''}</body>
</html>`;
}

/** A dialog error page (Meta shows one instead of redirecting when the request itself is wrong). */
export function renderDialogError(ctx: Context, message: string, status = 400): void {
  renderPage(ctx, {
    title: 'Error',
    status,
    body: `<h1>Sorry, something went wrong.</h1><p class="error" role="alert" id="dialog-error">${escapeHtml(message)}</p>`,
  });
}
