// Tells GOV.UK Frontend's styles that JavaScript runs here, before the page is first drawn, so
// that components which JavaScript enhances do not flash their plain form. It is a file rather
// than an inline script because the Content-Security-Policy allows scripts only from the
// register's own files; it is loaded without defer at the start of <body> for the same effect.
document.body.className +=
  " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
