// Material for MkDocs' storage helpers, normally an inline script in the page head (see
// content/overrides/partials/javascripts/base.html). They live in this file so that the
// Content-Security-Policy can forbid inline scripts. Same behaviour as Material 9.8.
(function () {
  "use strict";
  var scope = document.currentScript.getAttribute("data-scope");
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage full or disabled: Material works without it.
    }
  };
})();
