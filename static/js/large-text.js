/* 长辈模式: larger text and more space, kept on this phone (localStorage, no account, no cookie).
   Loaded in <head> without defer, so that the class is on <html> before the page is drawn and the
   text never jumps; the button in the header is wired once the page is there. */
(function () {
  "use strict";
  var KEY = "shuxiang-large-text";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (error) { return false; }
  }

  function apply(on) {
    root.classList.toggle("large-text", on);
    var button = document.getElementById("large-text-toggle");
    if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  apply(stored());

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("large-text-toggle");
    if (!button) return;
    button.hidden = false;
    apply(stored());
    button.addEventListener("click", function () {
      var on = !root.classList.contains("large-text");
      try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (error) { /* private mode: this page only */ }
      apply(on);
    });
  });
})();
