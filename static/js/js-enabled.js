// Runs first in <body>: tells GOV.UK Frontend's CSS that JavaScript is on. An
// external file rather than the usual inline snippet so the Content Security
// Policy can forbid inline scripts.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
