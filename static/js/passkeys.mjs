// Passkeys (WebAuthn) as a second factor: adding one on the two-factor pages and
// using one at the second step of signing in. The server's JSON steps
// (partnership/views/passkeys.py, on django-otp-webauthn) make and check every
// challenge; this only carries them to navigator.credentials and back. Without
// WebAuthn the passkey parts of a page stay hidden and codes work as before.
import { csrfToken } from "./session.mjs";

const supported =
  typeof window.PublicKeyCredential === "function" &&
  typeof navigator.credentials?.create === "function";

for (const element of document.querySelectorAll("[data-passkey-supported]")) {
  element.hidden = !supported;
}
for (const element of document.querySelectorAll("[data-passkey-unsupported]")) {
  element.hidden = supported;
}

// The server speaks base64url (the WebAuthn JSON forms); the browser's API, bytes.
function bytes(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), "="));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0)).buffer;
}

function base64url(buffer) {
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const descriptors = (list) => (list || []).map((item) => ({ ...item, id: bytes(item.id) }));

function creationOptions(options) {
  return {
    ...options,
    challenge: bytes(options.challenge),
    user: { ...options.user, id: bytes(options.user.id) },
    excludeCredentials: descriptors(options.excludeCredentials),
  };
}

function requestOptions(options) {
  return {
    ...options,
    challenge: bytes(options.challenge),
    allowCredentials: descriptors(options.allowCredentials),
  };
}

function credentialJSON(credential) {
  const { response } = credential;
  const json = {
    id: credential.id,
    rawId: base64url(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: { clientDataJSON: base64url(response.clientDataJSON) },
  };
  if (credential.authenticatorAttachment) {
    json.authenticatorAttachment = credential.authenticatorAttachment;
  }
  if (response.attestationObject) {
    json.response.attestationObject = base64url(response.attestationObject);
    json.response.transports = response.getTransports ? response.getTransports() : [];
  } else {
    json.response.authenticatorData = base64url(response.authenticatorData);
    json.response.signature = base64url(response.signature);
    if (response.userHandle) json.response.userHandle = base64url(response.userHandle);
  }
  return json;
}

// Thrown to stop quietly: the page is going somewhere else.
class Leaving extends Error {}

async function post(url, body) {
  const token =
    csrfToken() || document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
  const headers = { Accept: "application/json", "X-CSRFToken": token };
  const form = body instanceof FormData;
  if (!form) headers["Content-Type"] = "application/json";
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers,
    body: form ? body : JSON.stringify(body ?? {}),
  });
  let data = {};
  try {
    data = await response.json();
  } catch {
    // Not JSON: a server error page; the status says enough.
  }
  if (response.status === 401 && data.sign_in) {
    // The session ended: sign in again, then come back to this page.
    window.location.assign(data.sign_in);
    throw new Leaving();
  }
  return { ok: response.ok, status: response.status, data };
}

const WORDS = {
  add: {
    failed: "The passkey was not added",
    cancelled: "The passkey was not added: it was cancelled, or took too long. Try again",
    server: "The passkey could not be added. Try again",
  },
  signIn: {
    failed: "The passkey was not accepted",
    cancelled:
      "The passkey was not used: it was cancelled, or took too long. Try again, or enter a code",
    server: "The passkey was not accepted. Try again, or enter a code",
  },
};

function browserMessage(error, words) {
  switch (error?.name) {
    case "NotAllowedError":
    case "AbortError":
      return words.cancelled;
    case "InvalidStateError":
      return "This device already has a passkey for your account. Use it, or remove it from your list of passkeys first";
    case "SecurityError":
      return `${words.failed}: passkeys do not work at this address. Try the service's usual address`;
    default:
      return `${words.failed}. Try again, or enter a code`;
  }
}

function serverMessage(answer, words) {
  if (answer.data.result === "csrf") return "This page was out of date. Reload it, then try again";
  switch (answer.data.code) {
    case "credential_not_found":
      return "That passkey is not one of yours any more. Use another, or enter a code";
    case "credential_user_mismatch":
      return "That passkey belongs to another account. Use your own, or enter a code";
    case "no_passkey":
      return "You have no passkey. Enter a code instead";
    default:
      return words.server;
  }
}

const SUMMARY = `<div role="alert">
  <h2 class="govuk-error-summary__title">There is a problem</h2>
  <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li></li></ul></div>
</div>`;

function showError(message) {
  const slot = document.querySelector("[data-passkey-error-slot]");
  if (!slot) return;
  const summary = document.createElement("div");
  summary.className = "govuk-error-summary";
  summary.tabIndex = -1;
  summary.innerHTML = SUMMARY;
  summary.querySelector("li").textContent = message;
  slot.replaceChildren(summary);
  summary.focus();
}

function hideError() {
  document.querySelector("[data-passkey-error-slot]")?.replaceChildren();
}

// One ceremony at a time: the button waits until it is over.
async function run(button, steps) {
  if (button.disabled) return;
  button.disabled = true;
  button.setAttribute("aria-disabled", "true");
  hideError();
  let leaving = false;
  try {
    leaving = await steps();
  } catch (error) {
    if (error instanceof Leaving) leaving = true;
    else showError("Something went wrong with the passkey. Try again");
  } finally {
    if (!leaving) {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
    }
  }
}

function go(url) {
  window.location.assign(url);
  return true;
}

const signIn = document.querySelector("[data-passkey-sign-in]");
if (signIn && supported) {
  const button = signIn.querySelector("[data-passkey-button]");
  button.addEventListener("click", () =>
    run(button, async () => {
      const begin = await post(signIn.dataset.beginUrl);
      if (!begin.ok) return showError(serverMessage(begin, WORDS.signIn));
      let credential;
      try {
        credential = await navigator.credentials.get({ publicKey: requestOptions(begin.data) });
      } catch (error) {
        return showError(browserMessage(error, WORDS.signIn));
      }
      const complete = await post(signIn.dataset.completeUrl, credentialJSON(credential));
      if (!complete.ok) return showError(serverMessage(complete, WORDS.signIn));
      return go(complete.data.redirect_url);
    }),
  );
}

const addForm = document.querySelector("form[data-passkey-add]");
if (addForm && supported) {
  addForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = event.submitter || addForm.querySelector("button[type=submit]");
    run(button, async () => {
      const begin = await post(addForm.dataset.beginUrl, new FormData(addForm));
      if (begin.status === 400 && begin.data.errors) {
        // The name is not right: the page itself shows why, keeping what was typed.
        addForm.submit();
        return true;
      }
      if (!begin.ok) return showError(serverMessage(begin, WORDS.add));
      let credential;
      try {
        credential = await navigator.credentials.create({ publicKey: creationOptions(begin.data) });
      } catch (error) {
        return showError(browserMessage(error, WORDS.add));
      }
      const complete = await post(addForm.dataset.completeUrl, credentialJSON(credential));
      if (!complete.ok) return showError(serverMessage(complete, WORDS.add));
      return go(complete.data.redirect_url);
    });
  });
}
