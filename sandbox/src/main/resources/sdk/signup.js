/*
 * The sandbox's Embedded Signup popup. It talks to the page that opened it the way Meta's does: a
 * WA_EMBEDDED_SIGNUP message (a JSON string) for FINISH, CANCEL or ERROR, posted to window.opener from the
 * sandbox's origin. The login response (the code, or none) goes to the SDK stand-in in a second message,
 * which turns it into FB.login's callback. Then the popup closes.
 */
(function () {
  'use strict';
  var LOGIN_RESPONSE = 'SANDBOX_FB_LOGIN_RESPONSE';
  var params = new URLSearchParams(window.location.search);
  var appId = params.get('app_id') || '';
  var configId = params.get('config_id') || '';
  var feature = params.get('feature') || 'whatsapp_embedded_signup';
  var loginId = params.get('login_id') || '';
  // The opener's origin, so the messages reach only the page that asked; '*' when the popup was opened by hand.
  var openerOrigin = params.get('origin') || '*';
  var onlyWaba = feature === 'only_waba_sharing';
  var sessionId = 'sandbox-session-' + Math.random().toString(36).slice(2, 12);

  var buttons = ['finish', 'cancel', 'error'].map(function (id) { return document.getElementById(id); });
  var statusLine = document.getElementById('status');
  document.getElementById('app-id').textContent = appId || '(none)';
  document.getElementById('config-id').textContent = configId || '(none)';
  document.getElementById('feature').textContent = feature;

  function post(message) {
    if (window.opener) {
      window.opener.postMessage(JSON.stringify(message), openerOrigin);
    }
  }

  function end(signupMessage, loginResponse) {
    post(signupMessage);
    post({ type: LOGIN_RESPONSE, login_id: loginId, response: loginResponse });
    statusLine.textContent = 'Done: ' + signupMessage.event + '. This window closes now.';
    setTimeout(function () { window.close(); }, 100);
  }

  function busy(text) {
    buttons.forEach(function (button) { button.disabled = true; });
    statusLine.textContent = text;
  }

  function ready(text) {
    buttons.forEach(function (button) { button.disabled = false; });
    statusLine.textContent = text;
  }

  document.getElementById('finish').addEventListener('click', function () {
    busy('Creating the WhatsApp Business account\u2026');
    fetch('signup/codes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ app_id: appId, config_id: configId })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.status !== 201) {
          throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
        }
        return body;
      });
    }).then(function (issued) {
      var data = { waba_id: issued.waba_id, business_id: issued.business_id };
      if (!onlyWaba) {
        data.phone_number_id = issued.phone_number_id;
      }
      end({ type: 'WA_EMBEDDED_SIGNUP', event: onlyWaba ? 'FINISH_ONLY_WABA' : 'FINISH', data: data }, {
        authResponse: {
          code: issued.code,
          userID: '',
          expiresIn: 0,
          signedRequest: null,
          graphDomain: 'facebook',
          data_access_expiration_time: 0
        },
        status: 'connected'
      });
    }).catch(function (e) {
      ready('The sandbox could not finish the signup: ' + e.message);
    });
  });

  document.getElementById('cancel').addEventListener('click', function () {
    busy('Cancelling\u2026');
    end({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'CANCEL',
      data: { current_step: document.getElementById('current-step').value || 'PHONE_NUMBER_SETUP' }
    }, { authResponse: null, status: 'unknown' });
  });

  document.getElementById('error').addEventListener('click', function () {
    busy('Failing\u2026');
    end({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'ERROR',
      data: {
        error_message: document.getElementById('error-message').value || 'Sandbox error',
        error_code: '524126',
        session_id: sessionId,
        timestamp: Math.floor(Date.now() / 1000)
      }
    }, { authResponse: null, status: 'unknown' });
  });
})();
