// Suggestions as you type for inputs and textareas with data-suggest (see lib/pickers.py).
// The WAI-ARIA combobox pattern: the list is announced, arrow keys move through it, Enter
// picks, Escape closes. The form posts the text either way, so it works without this file.
(function () {
  "use strict";
  var counter = 0;

  function currentLine(field) {
    if (field.tagName !== "TEXTAREA") return { start: 0, end: field.value.length };
    var before = field.value.lastIndexOf("\n", field.selectionStart - 1) + 1;
    var after = field.value.indexOf("\n", field.selectionStart);
    return { start: before, end: after === -1 ? field.value.length : after };
  }

  function enhance(field) {
    var id = "suggestions-" + (++counter);
    var list = document.createElement("ul");
    list.id = id;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    field.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    // ARIA allows the combobox role on a one-line input only; a text area (one name a line)
    // stays a textbox that autocompletes, its suggestions counted by the status line.
    var multiline = field.tagName === "TEXTAREA";
    if (!multiline) field.setAttribute("role", "combobox");
    field.setAttribute("aria-autocomplete", "list");
    expanded(false);
    field.setAttribute("aria-controls", id);
    var active = -1, timer = null, asked = "";

    function expanded(open) {
      if (!multiline) field.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      expanded(false);
      field.removeAttribute("aria-activedescendant");
    }

    function pick(label) {
      var line = currentLine(field);
      var rest = field.value.slice(line.end);
      var added = field.tagName === "TEXTAREA" && rest === "" ? "\n" : "";
      field.value = field.value.slice(0, line.start) + label + added + rest;
      close();
      field.focus();
    }

    function mark(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, n) {
        option.setAttribute("aria-selected", n === active ? "true" : "false");
      });
      field.setAttribute("aria-activedescendant", options[active].id);
    }

    function show(items) {
      list.innerHTML = "";
      items.forEach(function (item, n) {
        var option = document.createElement("li");
        option.id = id + "-" + n;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label;
        if (item.detail) {
          var detail = document.createElement("span");
          detail.className = "detail";
          detail.textContent = " – " + item.detail;
          option.appendChild(detail);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(item.label);
        });
        list.appendChild(option);
      });
      list.hidden = items.length === 0;
      expanded(items.length > 0);
      status.textContent = field.dataset.suggestCount
        ? field.dataset.suggestCount.replace("%s", items.length) : String(items.length);
    }

    function ask() {
      var line = currentLine(field);
      var text = field.value.slice(line.start, line.end).trim();
      if (text.length < 2) { close(); return; }
      if (text === asked) return;
      asked = text;
      var url = field.dataset.suggest + (field.dataset.suggest.indexOf("?") === -1 ? "?" : "&") +
        "q=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (asked === text) show(data.results || []); })
        .catch(close);
    }

    field.addEventListener("input", function () {
      clearTimeout(timer);
      asked = "";
      timer = setTimeout(ask, 200);
    });
    field.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); mark(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); mark(active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        pick(list.querySelectorAll("[role=option]")[active].firstChild.textContent);
      }
    });
    field.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-suggest], textarea[data-suggest]").forEach(enhance);
})();
