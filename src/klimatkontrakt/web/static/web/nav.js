/* Collapsible navigation on narrow screens, without a build step.
   Each <button class="nav-toggle" aria-controls="ID" hidden> shows and hides the element ID.
   Without this script the buttons stay hidden and every link stays visible; on wide screens the
   CSS hides the buttons and shows the lists whatever their state. Escape closes an open list and
   returns focus to its button. */
(function () {
  "use strict";
  document.querySelectorAll("button.nav-toggle[aria-controls]").forEach(function (button) {
    var list = document.getElementById(button.getAttribute("aria-controls"));
    if (!list) { return; }
    button.setAttribute("aria-expanded", "false");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
    });
    list.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  });
})();

/* Every table in the page's main part scrolls sideways in its own box: a focusable region named
   by the table's caption or the heading before it (tables already in a .table-scroll box keep
   theirs). Without this script the CSS lets such a table scroll by itself on narrow screens. */
(function () {
  "use strict";
  var fallback = (document.currentScript && document.currentScript.dataset.tableLabel) || "Table";
  function wrap(root) {
    root.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".table-scroll")) { return; }
      var box = document.createElement("div");
      box.className = "table-scroll";
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      var name = table.caption ? table.caption.textContent.trim() : "";
      for (var el = table.previousElementSibling; el && !name; el = el.previousElementSibling) {
        if (/^H[1-6]$/.test(el.tagName)) { name = el.textContent.trim(); }
      }
      box.setAttribute("aria-label", (name || fallback).replace(/\s+/g, " "));
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }
  wrap(document);
  document.body.addEventListener("htmx:afterSettle", function () { wrap(document); });
})();
