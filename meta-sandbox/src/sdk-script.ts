/**
 * The sandbox's drop-in for Facebook's JS SDK (`connect.facebook.net/…/sdk.js`): `FB.init`,
 * `FB.login` (opens the Embedded Signup popup on the sandbox origin and calls back with the
 * popup's answer, or `{authResponse: null, status: 'unknown'}` when it is closed or cancelled),
 * a few no-op companions, and `window.fbAsyncInit()` once loaded, as the real SDK does.
 */

/** The SDK source for a sandbox reachable at `origin`. */
export function sdkScript(origin: string): string {
  return `/* Meta sandbox: stand-in for the Facebook JS SDK */
(function () {
  'use strict';
  if (window.FB && window.FB.__metaSandbox) return;
  var ORIGIN = ${JSON.stringify(origin)};
  var settings = null;
  var pending = null;

  function settle(response) {
    if (!pending) return;
    var current = pending;
    pending = null;
    clearInterval(current.timer);
    window.removeEventListener('message', onMessage);
    current.callback(response);
  }

  function onMessage(event) {
    if (!pending || event.origin !== ORIGIN || event.source !== pending.popup) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'META_SANDBOX_LOGIN' || data.cbt !== pending.cbt) return;
    settle({ authResponse: data.authResponse || null, status: data.status || 'unknown' });
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  var FB = {
    __metaSandbox: true,
    init: function (options) {
      options = options || {};
      if (!options.appId) { console.error('FB.init: appId is required.'); return; }
      settings = { appId: String(options.appId), version: options.version || '' };
    },
    login: function (callback, options) {
      callback = typeof callback === 'function' ? callback : function () {};
      if (!settings) { console.error('FB.login() called before FB.init().'); return; }
      if (pending) settle({ authResponse: null, status: 'unknown' });
      options = options || {};
      var cbt = randomId();
      var params = new URLSearchParams({
        app_id: settings.appId,
        version: settings.version,
        config_id: options.config_id || '',
        response_type: options.response_type || 'token',
        override_default_response_type: options.override_default_response_type ? 'true' : 'false',
        extras: JSON.stringify(options.extras || {}),
        origin: window.location.origin,
        cbt: cbt
      });
      var popup = window.open(ORIGIN + '/dialog/embedded-signup?' + params.toString(), 'meta_sandbox_login',
        'width=640,height=760,menubar=no,toolbar=no');
      if (!popup) { callback({ authResponse: null, status: 'unknown' }); return; }
      var closedChecks = 0;
      pending = {
        callback: callback,
        popup: popup,
        cbt: cbt,
        // A popup closed without answering is a cancel; look twice so a last message still lands.
        timer: setInterval(function () {
          if (!pending) return;
          closedChecks = pending.popup.closed ? closedChecks + 1 : 0;
          if (closedChecks >= 2) settle({ authResponse: null, status: 'unknown' });
        }, 250)
      };
      window.addEventListener('message', onMessage);
    },
    getLoginStatus: function (callback) { if (typeof callback === 'function') callback({ authResponse: null, status: 'unknown' }); },
    logout: function (callback) { if (typeof callback === 'function') callback({ authResponse: null, status: 'unknown' }); },
    getAuthResponse: function () { return null; },
    AppEvents: { logPageView: function () {}, logEvent: function () {} },
    XFBML: { parse: function () {} },
    Event: { subscribe: function () {}, unsubscribe: function () {} }
  };

  window.FB = FB;
  if (typeof window.fbAsyncInit === 'function') window.fbAsyncInit();
})();
`;
}
