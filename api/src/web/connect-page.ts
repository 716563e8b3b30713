/**
 * The WhatsApp connect page a connect link opens: loads Meta's JS SDK (the sandbox's in
 * development), runs Embedded Signup, and posts the result to the server. Every launch asks the
 * server for a fresh attempt state and forgets what an earlier launch saw.
 */
import type { Config } from '@laras/core';
import type { OpenedLink } from '@laras/core/connect-sessions';
import { brandedPage, embedJson, escapeHtml } from './html.ts';

const CLIENT_SCRIPT = String.raw`
(function () {
  var config = JSON.parse(document.getElementById('laras-connect').textContent);
  var button = document.getElementById('connect');
  var status = document.getElementById('status');
  var attempt = null;

  function show(kind, text) { status.dataset.kind = kind; status.textContent = text; }

  window.fbAsyncInit = function () {
    FB.init({ appId: config.appId, autoLogAppEvents: true, xfbml: false, version: config.graphVersion });
    button.disabled = false;
  };

  function submit() {
    if (!attempt || attempt.sent || !attempt.code || !attempt.signup) return;
    attempt.sent = true;
    var current = attempt;
    show('info', 'Connecting your number…');
    current.state.then(function (state) {
      return fetch(config.callbackUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ state: state, code: current.code, waba_id: current.signup.waba_id, phone_number_id: current.signup.phone_number_id })
      });
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body && body.error ? body.error.message : 'The connection failed.');
        show('success', 'Connected: ' + body.connection.display_phone_number + ' (' + body.connection.verified_name + ')');
        button.hidden = true;
        if (body.return_url) window.location.assign(body.return_url);
      });
    }).catch(function (error) {
      show('error', error.message + ' You can try again.');
      button.disabled = false;
    });
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== config.signupOrigin || !attempt) return;
    var data;
    try { data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data; } catch (e) { return; }
    if (!data || data.type !== 'WA_EMBEDDED_SIGNUP') return;
    if (String(data.event).indexOf('FINISH') === 0) {
      attempt.signup = data.data || {};
      submit();
    } else if (data.event === 'CANCEL' || data.event === 'ERROR') {
      var detail = data.data && (data.data.error_message || data.data.error_id);
      show('error', detail ? 'Meta reported an error: ' + detail : 'Signup was cancelled before it finished.');
      attempt = null;
      button.disabled = false;
    }
  });

  button.addEventListener('click', function () {
    // A new launch: nothing from an earlier one may finish this one.
    attempt = {
      code: null,
      signup: null,
      sent: false,
      state: fetch(config.attemptUrl, { method: 'POST' }).then(function (r) {
        if (!r.ok) throw new Error('This connect link has expired or was already used.');
        return r.json();
      }).then(function (b) { return b.state; })
    };
    attempt.state.catch(function (error) { show('error', error.message); });
    button.disabled = true;
    show('info', 'Continue in the Meta window…');
    var launched = attempt;
    FB.login(function (response) {
      if (launched !== attempt) return;
      if (response && response.authResponse && response.authResponse.code) {
        attempt.code = response.authResponse.code;
        submit();
      } else if (!attempt.signup) {
        show('error', 'Signup was cancelled before it finished.');
        attempt = null;
        button.disabled = false;
      }
    }, {
      config_id: config.configId,
      response_type: 'code',
      override_default_response_type: true,
      extras: { setup: {}, sessionInfoVersion: '3' }
    });
  });
})();
`;

/**
 * Where the person goes when they give up (after a cancelled or failed signup, or before trying):
 * the session's return URL, told it was cancelled, as the portal's Integrations page understands.
 * None without a return URL (the partner's own flow then has its own way back).
 */
function backLink(opened: OpenedLink): string {
  if (!opened.session.returnUrl) return '';
  const back = new URL(opened.session.returnUrl);
  back.searchParams.set('status', 'cancelled');
  back.searchParams.set('channel', 'whatsapp');
  return `\n<p><a id="back" href="${escapeHtml(back.toString())}">Cancel and go back to ${escapeHtml(
    opened.branding.displayName,
  )}</a></p>`;
}

export function whatsappConnectPage(
  opened: OpenedLink,
  token: string,
  config: Config,
  nonce: string,
): string {
  const settings = {
    appId: config.meta.appId,
    graphVersion: config.meta.graphVersion,
    configId: config.meta.embeddedSignupConfigId,
    signupOrigin: config.meta.embeddedSignupOrigin,
    attemptUrl: `/connect/${token}/attempts`,
    callbackUrl: '/api/wa/embedded-signup-callback',
  };
  return brandedPage({
    title: 'Connect WhatsApp',
    branding: opened.branding,
    nonce,
    body: `<h1>Connect WhatsApp</h1>
<p>Connect the WhatsApp Business number of <strong>${escapeHtml(opened.workspaceName)}</strong>.
Meta will ask you to choose your business, WhatsApp Business Account and phone number.</p>
<button id="connect" type="button" disabled>Connect WhatsApp via Meta</button>
<p id="status" class="status" role="status" aria-live="polite"></p>${backLink(opened)}`,
    script: `<script type="application/json" id="laras-connect">${embedJson(settings)}</script>
<script nonce="${nonce}">${CLIENT_SCRIPT}</script>
<script nonce="${nonce}" async defer crossorigin="anonymous" src="${escapeHtml(config.meta.facebookSdkUrl)}"></script>`,
  });
}
