/*
 * Stand-in for the Facebook JS SDK (connect.facebook.net/.../sdk.js), served by the sandbox. It offers what
 * an Embedded Signup page uses: FB.init(opts), FB.login(callback, opts) and FB.getLoginStatus(callback), and
 * calls window.fbAsyncInit once loaded, like the real SDK.
 *
 * FB.login opens the sandbox's signup popup. The popup posts Meta's WA_EMBEDDED_SIGNUP message to this page
 * itself, from the sandbox's origin; it hands the login response to this script in a second message, which
 * the SDK turns into the callback's {authResponse, status}.
 */
(function () {
  'use strict';
  var LOGIN_RESPONSE = 'SANDBOX_FB_LOGIN_RESPONSE';
  var UNKNOWN = { authResponse: null, status: 'unknown' };
  // Where this script came from is where the popup lives, whatever host name the page used for it.
  var script = document.currentScript;
  var sdkUrl = script && script.src ? script.src : window.location.href;
  var sandboxOrigin = new URL(sdkUrl).origin;
  var popupUrl = new URL('signup', sdkUrl).href;

  var settings = {};
  var pending = null;
  var logins = 0;

  function answer(login, response) {
    if (pending !== login) {
      return;
    }
    pending = null;
    clearInterval(login.watch);
    if (typeof login.callback === 'function') {
      login.callback(response);
    }
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== sandboxOrigin || !pending) {
      return;
    }
    var message;
    try {
      message = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
    } catch (e) {
      return;
    }
    if (message && message.type === LOGIN_RESPONSE && message.login_id === pending.id) {
      answer(pending, message.response || UNKNOWN);
    }
  });

  var FB = {
    init: function (options) {
      settings = Object.assign({}, options || {});
    },

    getLoginStatus: function (callback) {
      if (typeof callback === 'function') {
        callback(UNKNOWN);
      }
    },

    login: function (callback, options) {
      var opts = options || {};
      var extras = opts.extras || {};
      if (pending) {
        answer(pending, UNKNOWN);
      }
      var login = { id: 'login-' + (++logins) + '-' + Date.now(), callback: callback, watch: null };
      // The popup reads the Embedded Signup version, feature type and prefill from extras, as Meta's does.
      var query = new URLSearchParams({
        app_id: settings.appId || '',
        config_id: opts.config_id || '',
        extras: JSON.stringify(extras),
        response_type: opts.response_type || 'token',
        version: settings.version || '',
        origin: window.location.origin,
        login_id: login.id
      });
      // Opened straight from the caller's click handler, or browsers block the popup.
      var popup = window.open(popupUrl + '?' + query.toString(), 'fb_embedded_signup', 'width=600,height=760');
      pending = login;
      if (!popup) {
        answer(login, UNKNOWN);
        return;
      }
      // A popup closed without an answer is a cancelled login, as with the real SDK. The grace period lets
      // a message posted just before the popup closed arrive first.
      login.watch = setInterval(function () {
        if (popup.closed) {
          clearInterval(login.watch);
          setTimeout(function () { answer(login, UNKNOWN); }, 500);
        }
      }, 300);
    },

    logout: function (callback) {
      if (typeof callback === 'function') {
        callback(UNKNOWN);
      }
    },

    AppEvents: { logPageView: function () {} },
    XFBML: { parse: function () {} }
  };

  window.FB = FB;
  if (typeof window.fbAsyncInit === 'function') {
    setTimeout(function () { window.fbAsyncInit(); }, 0);
  }
})();
