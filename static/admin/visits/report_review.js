/* The report review: pointing at an extracted item lights up the sentence it came from. */
(function () {
  "use strict";

  var current = [];

  function clear() {
    current.forEach(function (element) { element.classList.remove("is-current"); });
    current = [];
  }

  function show(row, sentenceId, scroll) {
    clear();
    var sentence = document.getElementById("s-" + sentenceId);
    if (!sentence) { return; }
    sentence.classList.add("is-current");
    current.push(sentence);
    if (row) {
      row.classList.add("is-current");
      current.push(row);
    }
    if (scroll) {
      var pane = sentence.closest(".report-article");
      if (pane) {
        var top = sentence.offsetTop - pane.offsetTop - pane.clientHeight / 3;
        pane.scrollTo({ top: Math.max(top, 0), behavior: "smooth" });
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var extracted = document.querySelector(".report-extracted");
    if (!extracted) { return; }
    extracted.addEventListener("focusin", function (event) {
      var row = event.target.closest("[data-sentence]");
      if (row) { show(row.closest("tr") || row, row.getAttribute("data-sentence"), true); }
    });
    extracted.addEventListener("mouseover", function (event) {
      var row = event.target.closest("tr[data-sentence]");
      if (row) { show(row, row.getAttribute("data-sentence"), false); }
    });
    extracted.addEventListener("click", function (event) {
      var link = event.target.closest("a.report-source");
      if (!link) { return; }
      // The sentence scrolls inside the article pane, not the whole page.
      event.preventDefault();
      show(link.closest("tr"), link.getAttribute("data-sentence"), true);
      if (history.replaceState) { history.replaceState(null, "", link.getAttribute("href")); }
    });
  });
})();
