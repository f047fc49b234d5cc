// Follows a background job on its page: asks for its state every second and shows it; when
// the work has finished, opens its result page or reloads to show the outcome.
(function () {
  "use strict";
  var section = document.querySelector("[data-job-running]");
  if (!section) return;
  var text = section.querySelector("[data-job-text]");
  var bar = section.querySelector("[data-job-progress]");
  var count = section.querySelector("[data-job-count]");
  var note = section.querySelector(".no-script-note");
  if (note) note.hidden = true;
  var lastText = "";

  function show(state) {
    if (state.finished) {
      if (state.status === "succeeded" && state.result_url) {
        window.location.assign(state.result_url);
      } else {
        window.location.reload();
      }
      return;
    }
    if (bar && state.percent !== null) bar.value = state.percent;
    if (count && state.total) {
      var locale = document.documentElement.lang || "fi";
      count.textContent = state.done.toLocaleString(locale) + " / " + state.total.toLocaleString(locale) + " (" + state.percent + " %)";
    }
    // The status line is announced to screen readers: only a new phase goes there.
    if (state.phase && state.phase !== lastText) { text.textContent = state.phase; lastText = state.phase; }
    window.setTimeout(poll, 1000);
  }

  function poll() {
    fetch(section.getAttribute("data-job-status"), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { if (state) show(state); else window.setTimeout(poll, 3000); })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
