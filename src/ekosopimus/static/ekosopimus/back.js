// The "go back" button of an error page: returns to the previous page where there is one.
(function () {
  "use strict";
  var button = document.querySelector("[data-go-back]");
  if (!button || window.history.length < 2) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    window.history.back();
  });
})();
