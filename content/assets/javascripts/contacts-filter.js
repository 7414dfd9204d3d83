// The contacts directory (/contacten/ and /contacten/<gemeente>/): a box that narrows the list
// as you type. It exists only with JavaScript: without it the list is whole and the links per
// organisation and per municipality choose from it. A contact is shown when every word typed
// occurs in it or in its organisation's name, accents and case aside; an organisation with no
// contact shown is hidden with it. A polite live region says how many are shown, once the
// typing pauses, so that a screen reader is not interrupted at every key.
(function () {
  "use strict";
  var ANNOUNCE_AFTER_MS = 400;

  function normalised(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");
  }

  function counted(shown, total) {
    if (shown === total) {
      return total === 1 ? "1 contactpunt" : total + " contactpunten";
    }
    if (shown === 0) {
      return "Geen contactpunt gevonden. Probeer een ander woord.";
    }
    return shown + " van de " + total + " contactpunten";
  }

  function setUp(list) {
    var contacts = Array.prototype.map.call(list.querySelectorAll("[data-ww-contact]"), function (element) {
      var group = element.closest("[data-ww-contact-group]");
      var heading = group ? group.querySelector("h2") : null;
      return {
        element: element,
        group: group,
        text: normalised((heading ? heading.textContent + " " : "") + element.textContent),
      };
    });
    if (!contacts.length) {
      return;
    }
    var box = document.createElement("div");
    box.className = "ww-contacts-search";
    var label = document.createElement("label");
    label.htmlFor = "ww-contacts-query";
    label.textContent = "Zoek in deze lijst: naam, dienst, organisatie of gemeente";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "ww-contacts-query";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("aria-describedby", "ww-contacts-count");
    var status = document.createElement("p");
    status.id = "ww-contacts-count";
    status.className = "ww-contacts-count";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.textContent = counted(contacts.length, contacts.length);
    box.append(label, input, status);
    list.parentNode.insertBefore(box, list);

    var timer = null;
    input.addEventListener("input", function () {
      var words = normalised(input.value).trim().split(" ").filter(Boolean);
      var shown = 0;
      var visibleGroups = new Set();
      contacts.forEach(function (contact) {
        var match = words.every(function (word) { return contact.text.indexOf(word) !== -1; });
        contact.element.hidden = !match;
        if (match) {
          shown += 1;
          visibleGroups.add(contact.group);
        }
      });
      contacts.forEach(function (contact) {
        if (contact.group) {
          contact.group.hidden = !visibleGroups.has(contact.group);
        }
      });
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        status.textContent = counted(shown, contacts.length);
      }, ANNOUNCE_AFTER_MS);
    });
  }

  var list = document.querySelector("[data-ww-contacts]");
  if (list) {
    setUp(list);
  }
})();
