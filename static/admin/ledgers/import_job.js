// The progress of a background ledger import: asks the job's JSON endpoint every second and
// moves the bar; when the step is done, reloads the page, which then shows the result.
(function () {
  "use strict";
  var box = document.getElementById("ledger-job");
  if (!box) { return; }
  var message = document.getElementById("ledger-job-message");
  var bar = document.getElementById("ledger-job-bar");
  var url = box.getAttribute("data-progress-url");
  function show(state) {
    if (state.finished) { window.location.reload(); return; }
    message.textContent = state.stale ? box.getAttribute("data-stale") || state.message : (state.message || state.status_label);
    if (state.percent === null || state.percent === undefined) {
      bar.removeAttribute("value");
    } else {
      bar.value = state.percent;
      bar.textContent = state.percent + "%";
    }
    window.setTimeout(poll, 1000);
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(show)
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
}());
