/* sre-docs handbook: small progressive enhancements; every page works without them.
   1. A table that scrolls sideways gets tabindex=0, a region role and a label, so a keyboard can reach and
      scroll it (WCAG 2.1.1), and a class that shows a fade on the side with more columns.
   2. Material's search dialog gets an accessible name.
   3. The incident log's filter bar (service, severity, open/closed) hides rows that do not match. */
(function () {
  "use strict";

  function markScrollable() {
    document.querySelectorAll(".md-typeset .md-typeset__table > table, .md-typeset .md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls) {
        if (!box.hasAttribute("tabindex")) {
          var table = box.tagName === "TABLE" ? box : box.querySelector("table");
          var head = table && table.querySelector("th");
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", "Table, scrolls sideways" + (head ? ": " + head.textContent.trim() : ""));
          box.dataset.sreScroll = "1";
        }
        box.classList.add("sre-scrolls");
      } else if (box.dataset.sreScroll) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.sreScroll;
        box.classList.remove("sre-scrolls");
      }
    });
  }

  function columnIndex(table, name) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    return heads.indexOf(name);
  }

  function setUpFilters() {
    document.querySelectorAll(".sre-filters[data-sre-filter]").forEach(function (form) {
      var wrap = form.nextElementSibling;
      var table = wrap && (wrap.tagName === "TABLE" ? wrap : wrap.querySelector("table"));
      if (!table) { return; }
      var columns = {
        service: columnIndex(table, "Services"),
        severity: columnIndex(table, "Severity"),
        state: columnIndex(table, "Status")
      };
      var output = form.querySelector("output");
      function apply() {
        var wanted = {
          service: form.querySelector("select[name=service]").value,
          severity: form.querySelector("select[name=severity]").value,
          state: form.querySelector("select[name=state]").value
        };
        var shown = 0;
        var rows = table.querySelectorAll("tbody tr");
        rows.forEach(function (row) {
          var cells = row.children;
          var ok = true;
          if (wanted.service && columns.service >= 0) {
            var names = Array.prototype.map.call(cells[columns.service].querySelectorAll("a"), function (a) { return a.textContent.trim(); });
            ok = ok && (names.indexOf(wanted.service) >= 0 || cells[columns.service].textContent.split(/,\s*/).indexOf(wanted.service) >= 0);
          }
          if (wanted.severity && columns.severity >= 0) {
            ok = ok && cells[columns.severity].textContent.trim().indexOf(wanted.severity) === 0;
          }
          if (wanted.state && columns.state >= 0) {
            var open = cells[columns.state].querySelector(".sre-badge--open") !== null;
            ok = ok && (wanted.state === "open") === open;
          }
          row.hidden = !ok;
          if (ok) { shown += 1; }
        });
        if (output) { output.textContent = shown + " of " + rows.length + " incident" + (rows.length === 1 ? "" : "s") + " shown"; }
        markScrollable();
      }
      form.addEventListener("change", apply);
      form.hidden = false;
      apply();
    });
  }

  /* Material's search dialog has no accessible name (axe: aria-dialog-name). */
  function nameDialogs() {
    document.querySelectorAll(".md-search[role=dialog]:not([aria-label]):not([aria-labelledby])").forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search");
    });
  }

  function start() {
    nameDialogs();
    setUpFilters();
    markScrollable();
    window.addEventListener("resize", markScrollable);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
