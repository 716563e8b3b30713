/**
 * WhatsApp Embedded Signup: the JS SDK (`/sdk.js`) and the popup it opens
 * (`/dialog/embedded-signup`). In the popup the person picks a business, a WhatsApp Business
 * Account and a phone number, then Finish or Cancel. The popup answers its opener as Meta does: a
 * `WA_EMBEDDED_SIGNUP` message (a JSON string) from the sandbox origin, then the login result the
 * SDK hands to the `FB.login` callback (`authResponse.code` on finish).
 */
import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import {
  dialogOperation,
  embedJson,
  escapeHtml,
  params,
  query,
  type SandboxDeps,
  selfOrigin,
} from '../http.ts';
import { renderDialogError, renderPage } from '../pages.ts';
import { sdkScript } from '../sdk-script.ts';
import type { EmbeddedSignupDialog } from '../types.ts';

const PICKER_SCRIPT = `
(function () {
  var business = document.getElementById('business');
  var waba = document.getElementById('waba');
  var phone = document.getElementById('phone');
  function filter(select, attribute, value) {
    var first = null;
    Array.prototype.forEach.call(select.options, function (option) {
      var show = option.getAttribute(attribute) === value;
      option.hidden = !show; option.disabled = !show;
      if (show && !first) first = option;
    });
    if (select.selectedOptions[0] && select.selectedOptions[0].disabled || !select.value) select.value = first ? first.value : '';
  }
  function sync() { filter(waba, 'data-business', business.value); filter(phone, 'data-waba', waba.value); }
  business.addEventListener('change', function () { waba.value = ''; sync(); });
  waba.addEventListener('change', function () { phone.value = ''; sync(); });
  sync();
})();
`;

const RESULT_SCRIPT = `
(function () {
  var result = JSON.parse(document.getElementById('es-result').textContent);
  if (!window.opener) return;
  window.opener.postMessage(JSON.stringify(result.event), result.target_origin);
  window.opener.postMessage(result.login, result.target_origin);
  setTimeout(function () { window.close(); }, 50);
})();
`;

function isOrigin(value: string | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

export function embeddedSignupRouter(deps: SandboxDeps): Router {
  const { state, faults } = deps;
  const router = new Router();

  router.get('/sdk.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.body = sdkScript(selfOrigin(ctx));
  });
  // The real SDK lives at connect.facebook.net/<locale>/sdk.js: serve that path too.
  router.get('/:locale/sdk.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.body = sdkScript(selfOrigin(ctx));
  });

  router.get('/dialog/embedded-signup', dialogOperation('es.dialog'), (ctx) => {
    if (faults.take('es.dialog')) return renderDialogError(ctx, 'Please try again later.', 500);
    const q = query(ctx);
    if (q.app_id !== state.apps.appId)
      return renderDialogError(ctx, 'Invalid App ID: The provided app ID does not look like a valid app ID.');
    if (q.config_id !== state.apps.embeddedSignupConfigId)
      return renderDialogError(ctx, 'Invalid configuration: this configuration does not belong to the app.');
    if (q.response_type !== 'code')
      return renderDialogError(
        ctx,
        'Embedded Signup needs response_type=code with override_default_response_type.',
      );
    if (!isOrigin(q.origin) || !q.cbt)
      return renderDialogError(ctx, 'The login request is missing its origin.');
    let featureType: string | null = null;
    try {
      const extras: unknown = JSON.parse(q.extras ?? '{}');
      if (
        extras &&
        typeof extras === 'object' &&
        'featureType' in extras &&
        typeof extras.featureType === 'string'
      )
        featureType = extras.featureType;
    } catch {
      return renderDialogError(ctx, 'Invalid extras.');
    }
    const dialog = state.openDialog<EmbeddedSignupDialog>({
      kind: 'embedded_signup',
      appId: q.app_id,
      configId: q.config_id,
      openerOrigin: q.origin,
      cbt: q.cbt,
      featureType,
    });
    renderPicker(ctx, dialog);
  });

  function renderPicker(ctx: Context, dialog: EmbeddedSignupDialog) {
    const options = (items: { value: string; label: string; data?: [string, string] }[]) =>
      items
        .map(
          (i) =>
            `<option value="${escapeHtml(i.value)}"${i.data ? ` ${i.data[0]}="${escapeHtml(i.data[1])}"` : ''}>${escapeHtml(i.label)}</option>`,
        )
        .join('');
    const businesses = state.businesses;
    const wabas = businesses.flatMap((b) => b.wabas.map((w) => ({ business: b, waba: w })));
    const phones = wabas.flatMap(({ waba }) => waba.phoneNumbers.map((p) => ({ waba, phone: p })));
    renderPage(ctx, {
      title: `Connect your WhatsApp Business account to ${state.apps.appName}`,
      body: `<h1>WhatsApp Business</h1>
<p><strong id="app-name">${escapeHtml(state.apps.appName)}</strong> wants to connect to your WhatsApp Business account.</p>
<form method="post" action="/dialog/embedded-signup">
<input type="hidden" name="session" value="${escapeHtml(dialog.id)}">
<label for="business">Business</label>
<select id="business" name="business_id">${options(businesses.map((b) => ({ value: b.id, label: b.name })))}</select>
<label for="waba">WhatsApp Business Account</label>
<select id="waba" name="waba_id">${options(
        wabas.map(({ business, waba }) => ({
          value: waba.id,
          label: waba.name,
          data: ['data-business', business.id],
        })),
      )}</select>
<label for="phone">Phone number</label>
<select id="phone" name="phone_number_id">${options(
        phones.map(({ waba, phone }) => ({
          value: phone.id,
          label: `${phone.displayPhoneNumber} (${phone.verifiedName})`,
          data: ['data-waba', waba.id],
        })),
      )}</select>
<div class="actions">
<button type="submit" id="cancel" name="action" value="cancel">Cancel</button>
<button type="submit" id="finish" class="primary" name="action" value="finish">Finish</button>
</div>
</form>`,
      script: PICKER_SCRIPT,
    });
  }

  router.post('/dialog/embedded-signup', dialogOperation('es.finish'), async (ctx) => {
    const p = await params(ctx);
    const dialog = state.findDialog(p.session ?? '', 'embedded_signup');
    if (!dialog) return renderDialogError(ctx, 'This window has expired. Close it and start again.');
    const timestamp = Math.floor(state.now().getTime() / 1000);
    const cancelled = { authResponse: null, status: 'unknown' };
    let event: { type: 'WA_EMBEDDED_SIGNUP'; event: string; data: Record<string, unknown> };
    let login: { authResponse: Record<string, unknown> | null; status: string } = cancelled;
    let message: string;
    if (p.action !== 'finish') {
      event = {
        type: 'WA_EMBEDDED_SIGNUP',
        event: 'CANCEL',
        data: { current_step: 'WABA_PHONE_PROFILE_PICKER' },
      };
      message = 'Signup cancelled. You can close this window.';
    } else if (faults.take('es.finish')) {
      const errorId = '524126';
      event = {
        type: 'WA_EMBEDDED_SIGNUP',
        event: 'ERROR',
        data: {
          error_message: 'An unexpected error occurred. Please try again later.',
          error_id: errorId,
          error_code: errorId,
          session_id: randomBytes(8).toString('hex').slice(0, 15),
          timestamp,
        },
      };
      message = 'Something went wrong. You can close this window.';
    } else {
      const choice = {
        businessId: p.business_id ?? '',
        wabaId: p.waba_id ?? '',
        phoneNumberId: p.phone_number_id ?? '',
      };
      if (!state.isValidChoice(choice))
        return renderDialogError(
          ctx,
          'Choose a business, a WhatsApp Business Account of it and one of its numbers.',
        );
      const code = state.issueEmbeddedSignupCode(choice, dialog.appId);
      event = {
        type: 'WA_EMBEDDED_SIGNUP',
        event: 'FINISH',
        data: {
          phone_number_id: choice.phoneNumberId,
          waba_id: choice.wabaId,
          business_id: choice.businessId,
        },
      };
      login = {
        status: 'connected',
        authResponse: {
          code,
          userID: null,
          expiresIn: null,
          graphDomain: 'facebook',
          data_access_expiration_time: timestamp + 90 * 86_400,
        },
      };
      message = 'Your WhatsApp Business account is connected. You can close this window.';
    }
    state.closeDialog(dialog.id);
    const result = {
      event,
      login: { type: 'META_SANDBOX_LOGIN', cbt: dialog.cbt, ...login },
      target_origin: dialog.openerOrigin,
    };
    renderPage(ctx, {
      title: 'WhatsApp Business',
      body: `<h1>WhatsApp Business</h1><p role="status" id="es-status" data-event="${escapeHtml(event.event)}">${escapeHtml(message)}</p>
<script type="application/json" id="es-result">${embedJson(result)}</script>`,
      script: RESULT_SCRIPT,
    });
  });

  return router;
}
