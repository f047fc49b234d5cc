// Collapses the main menu behind a button on narrow screens. Without this script the menu is
// simply always open, so every link stays reachable.
(function () {
  "use strict";
  var header = document.querySelector("[data-menu]");
  if (!header) return;
  var button = header.querySelector("[data-menu-toggle]");
  var menu = document.getElementById(button ? button.getAttribute("aria-controls") : "");
  if (!button || !menu) return;

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      menu.removeAttribute("data-collapsed");
    } else {
      menu.setAttribute("data-collapsed", "");
    }
  }

  header.classList.add("js-menu");
  button.hidden = false;
  setOpen(false);
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes an open menu and gives the focus back to its button.
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
