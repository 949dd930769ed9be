/* Typeahead for the search box in every page's header: book titles from /catalogue/suggest/ as
   the reader types (ARIA 1.2 combobox with a listbox). Without JavaScript the box is an ordinary
   search form; with it, Enter still searches unless the reader picked a suggestion. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var timer = null, active = -1, latest = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function show(items) {
    list.textContent = "";
    items.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = list.id + "-" + index;
      option.setAttribute("role", "option");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      link.tabIndex = -1;
      option.appendChild(link);
      list.appendChild(option);
    });
    active = -1;
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }

  function move(step) {
    var found = options();
    if (!found.length) return;
    if (active >= 0) found[active].removeAttribute("aria-selected");
    active = (active + step + found.length) % found.length;
    found[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", found[active].id);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value.trim();
    if (!query) { close(); return; }
    timer = setTimeout(function () {
      var ticket = ++latest;  // answers arriving out of order: only the latest is shown
      fetch(form.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query), {headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) { if (ticket === latest) show(data.suggestions || []); })
        .catch(close);
    }, 200);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = options()[active].querySelector("a").href;
    }
  });

  document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
})();
