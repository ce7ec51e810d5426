/*
 * The sandbox's Embedded Signup popup, playing Meta's as of December 2026. It talks to the page that opened it
 * the way Meta's does: a WA_EMBEDDED_SIGNUP message (a JSON string) for every way the flow ends (FINISH
 * variants, CANCEL with current_step, ERROR with code and session id), posted to window.opener from the
 * sandbox's origin. The login response (the code, or none) goes to the SDK stand-in in a second message,
 * which turns it into FB.login's callback. Then the popup closes.
 *
 * The Embedded Signup version comes from FB.login's extras (Meta's "Versions" page, updated 2026-05-21): an
 * explicit extras.version, or, for an empty extras object, v4 (the login configuration decides); extras with
 * setup or featureType but no version are the v2 shape. Retired versions (by default v2, deprecated on
 * 2026-10-15, and v3 and the v2/v3 public previews, available until October 2026) do not start: the popup
 * says so and offers only Cancel and Error. sandbox.meta.retired-es-versions switches that.
 */
(function () {
  'use strict';
  var LOGIN_RESPONSE = 'SANDBOX_FB_LOGIN_RESPONSE';
  var COEXISTENCE = 'whatsapp_business_app_onboarding';
  var params = new URLSearchParams(window.location.search);
  var appId = params.get('app_id') || '';
  var configId = params.get('config_id') || '';
  var loginId = params.get('login_id') || '';
  // The opener's origin, so the messages reach only the page that asked; '*' when the popup was opened by hand.
  var openerOrigin = params.get('origin') || '*';
  var extras = {};
  try {
    extras = JSON.parse(params.get('extras') || '{}') || {};
  } catch (e) {
    extras = {};
  }
  var retired = (document.body.dataset.retiredVersions || '').split(',').map(function (v) { return v.trim(); })
      .filter(function (v) { return v.length > 0; });
  var version = typeof extras.version === 'string' && extras.version ? extras.version
      : (Object.keys(extras).length === 0 ? 'v4' : 'v2');
  var featureType = typeof extras.featureType === 'string' ? extras.featureType : '';
  var coexistence = featureType === COEXISTENCE;
  var setup = extras.setup && typeof extras.setup === 'object' ? extras.setup : {};
  var sessionId = 'sandbox-session-' + Math.random().toString(36).slice(2, 12);

  var finishButton = document.getElementById('finish');
  var numberChoice = document.getElementById('finish-number');
  var buttons = ['finish', 'cancel', 'error'].map(function (id) { return document.getElementById(id); });
  var statusLine = document.getElementById('status');
  document.getElementById('app-id').textContent = appId || '(none)';
  document.getElementById('config-id').textContent = configId || '(none)';
  document.getElementById('es-version').textContent = version;
  document.getElementById('feature').textContent = coexistence ? 'WhatsApp Business app number (coexistence)'
      : (featureType || 'default');
  document.getElementById('prefill-business').textContent = setup.business && setup.business.name
      ? String(setup.business.name) : '(none)';
  numberChoice.hidden = coexistence;
  document.getElementById('finish-number-label').hidden = coexistence;

  var refusal = null;
  if (retired.indexOf(version) >= 0) {
    refusal = 'Embedded Signup ' + version + ' is no longer available. Use v4: an empty extras object with a login '
        + 'configuration that selects products, or extras.version "v4".';
  } else if (featureType === 'only_waba_sharing' && version !== 'v2' && version !== 'v2-public-preview') {
    refusal = 'featureType only_waba_sharing is not valid in Embedded Signup ' + version + '.';
  }
  if (refusal) {
    finishButton.disabled = true;
    document.getElementById('refusal').textContent = refusal;
    document.getElementById('refusal').hidden = false;
  }

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
    finishButton.disabled = !!refusal;
    statusLine.textContent = text;
  }

  function flow() {
    if (coexistence) {
      return 'coexistence';
    }
    return { reported: 'default', not_reported: 'number_not_reported', none: 'no_number' }[numberChoice.value] || 'default';
  }

  finishButton.addEventListener('click', function () {
    busy('Creating the WhatsApp Business account\u2026');
    fetch('signup/codes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ app_id: appId, config_id: configId, flow: flow() })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.status !== 201) {
          throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
        }
        return body;
      });
    }).then(function (issued) {
      end(issued.message, {
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
        error_code: document.getElementById('error-code').value || '524126',
        session_id: sessionId,
        timestamp: Math.floor(Date.now() / 1000)
      }
    }, { authResponse: null, status: 'unknown' });
  });
})();
