// On narrow screens Material opens the menu and the search with <label for="__drawer"> and
// <label for="__search">, which the keyboard cannot reach (WCAG 2.1.1), and a <label> may not
// take role="button" (ARIA in HTML). Each label is replaced by a real <button> with the same
// icon, which toggles the same checkbox; Material reacts to the checkbox's change event.
(function () {
  "use strict";
  var NAMES = { __drawer: "Menu", __search: "Zoeken" };
  Object.keys(NAMES).forEach(function (toggle) {
    var label = document.querySelector('.md-header label.md-header__button[for="' + toggle + '"]');
    var checkbox = document.getElementById(toggle);
    if (!label || !checkbox) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " ww-toggle";
    button.setAttribute("data-ww-toggle", toggle);
    button.setAttribute("aria-label", NAMES[toggle]);
    button.setAttribute("aria-expanded", String(checkbox.checked));
    button.innerHTML = label.innerHTML;
    // Material opens the search when its input takes focus, and the menu when its box is ticked.
    var input = document.querySelector(".md-search__input");
    button.addEventListener("click", function () {
      if (toggle === "__search" && input) {
        input.focus();
      } else {
        checkbox.click();
      }
    });
    checkbox.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(checkbox.checked));
    });
    label.replaceWith(button);
  });
})();
