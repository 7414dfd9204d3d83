/* Werkwijzer: "nu open / gesloten" for an antenne, computed in the reader's browser.
 *
 * The page carries the opening hours as JSON in <script type="application/json" id="hours-...">
 * (data, never executed) and an empty, hidden <p data-opening-hours="hours-..."> to fill in.
 * Without JavaScript the table on the page says everything; this only adds the line on top.
 * Times are those of Europe/Brussels, whatever the reader's own time zone.
 */
(function () {
  "use strict";

  var DAY_NAMES = ["", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
  var LOOK_AHEAD_DAYS = 14;

  function brusselsNow(timezone) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return {
      date: parts.year + "-" + parts.month + "-" + parts.day,
      minutes: parseInt(parts.hour, 10) * 60 + parseInt(parts.minute, 10)
    };
  }

  function addDays(isoDate, days) {
    var d = new Date(isoDate + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function isoWeekday(isoDate) {
    var day = new Date(isoDate + "T12:00:00Z").getUTCDay();
    return day === 0 ? 7 : day;
  }

  function toMinutes(time) {
    var hm = time.split(":");
    return parseInt(hm[0], 10) * 60 + parseInt(hm[1], 10);
  }

  /* The opening spans of one day, or null when it is not known (a public holiday of unknown policy). */
  function spansOn(hours, isoDate) {
    var exception = hours.exceptions.filter(function (e) { return e.date === isoDate; })[0];
    if (exception) {
      return exception.closed ? [] : [[toMinutes(exception.opens), toMinutes(exception.closes)]];
    }
    if (hours.holidays[isoDate]) {
      if (hours.public_holidays === "gesloten") { return []; }
      if (hours.public_holidays === "onbekend") { return null; }
    }
    var weekday = isoWeekday(isoDate);
    return hours.rules.filter(function (r) {
      return r.days.indexOf(weekday) !== -1 && (!r.from || r.from <= isoDate) && (!r.to || isoDate <= r.to);
    }).map(function (r) { return [toMinutes(r.opens), toMinutes(r.closes)]; })
      .sort(function (a, b) { return a[0] - b[0]; });
  }

  function clock(minutes) {
    var h = Math.floor(minutes / 60), m = minutes % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  function dayWord(offset, isoDate) {
    if (offset === 0) { return "vandaag"; }
    if (offset === 1) { return "morgen"; }
    return DAY_NAMES[isoWeekday(isoDate)];
  }

  function statusText(hours, now) {
    var today = spansOn(hours, now.date);
    if (today === null) {
      return "Vandaag is een feestdag (" + hours.holidays[now.date] + "). We weten niet of de plek open is.";
    }
    for (var i = 0; i < today.length; i++) {
      if (today[i][0] <= now.minutes && now.minutes < today[i][1]) {
        return "Nu open – sluit om " + clock(today[i][1]) + ".";
      }
    }
    for (var offset = 0; offset <= LOOK_AHEAD_DAYS; offset++) {
      var date = addDays(now.date, offset);
      var spans = spansOn(hours, date);
      if (spans === null) { continue; }
      for (var j = 0; j < spans.length; j++) {
        if (offset > 0 || spans[j][0] > now.minutes) {
          return "Nu gesloten – opent " + dayWord(offset, date) + " om " + clock(spans[j][0]) + ".";
        }
      }
    }
    return "Nu gesloten.";
  }

  function fill() {
    var targets = document.querySelectorAll("[data-opening-hours]");
    Array.prototype.forEach.call(targets, function (target) {
      var block = document.getElementById(target.getAttribute("data-opening-hours"));
      if (!block) { return; }
      try {
        var hours = JSON.parse(block.textContent);
        target.textContent = statusText(hours, brusselsNow(hours.timezone));
        target.hidden = false;
      } catch (error) {
        target.hidden = true; /* the table below still says everything */
      }
    });
  }

  if (typeof document === "undefined") {  /* loaded by the tests, in Node */
    module.exports = { statusText: statusText, spansOn: spansOn };
    return;
  }

  /* Material's instant navigation swaps pages without reloading scripts: follow its document$. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fill);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
