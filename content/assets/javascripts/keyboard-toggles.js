// On narrow screens Material opens the menu and the search with <label for="__drawer"> and
// <label for="__search">, which the keyboard cannot reach (WCAG 2.1.1). Material already
// clicks a focused label on Enter; this makes the two labels focusable, names them, and lets
// Space activate them too, as it does a button.
(function () {
  "use strict";
  var NAMES = { __drawer: "Menu", __search: "Zoeken" };
  Object.keys(NAMES).forEach(function (toggle) {
    var label = document.querySelector('.md-header label.md-header__button[for="' + toggle + '"]');
    if (!label) {
      return;
    }
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", NAMES[toggle]);
    label.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        label.click();
      }
    });
  });
})();
