/* Tabular inlines (a trip's participants) put each field's name in the column header only: a
   screen reader reaches the input without it. Name each input after its column. */
(function () {
  "use strict";
  function label(root) {
    root.querySelectorAll(".inline-group .tabular table").forEach(function (table) {
      var names = {};
      table.querySelectorAll("thead th[class*='column-']").forEach(function (th) {
        var column = Array.prototype.find.call(th.classList, function (c) { return c.indexOf("column-") === 0; });
        if (column) { names[column.slice(7)] = th.textContent.trim(); }
      });
      table.querySelectorAll("tbody tr").forEach(function (row, index) {
        row.querySelectorAll("td[class*='field-']").forEach(function (cell) {
          var field = Array.prototype.find.call(cell.classList, function (c) { return c.indexOf("field-") === 0; });
          var name = field && names[field.slice(6)];
          if (!name) { return; }
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (input) {
            if (!input.labels || input.labels.length === 0) {
              input.setAttribute("aria-label", name + " " + (index + 1));
            }
          });
        });
        var remove = row.querySelector("td.delete input[type=checkbox]");
        if (remove && (!remove.labels || remove.labels.length === 0)) {
          remove.setAttribute("aria-label", (names.DELETE || "删除") + " " + (index + 1));
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { label(document); });
  document.addEventListener("formset:added", function () { label(document); });
})();
