/* Inside WeChat's browser a calendar file (.ics) or a spreadsheet cannot be downloaded: the tap
   does nothing. There, links marked data-download say how to open the page in the phone's own
   browser instead of leading nowhere. Elsewhere they are ordinary links. */
(function () {
  "use strict";
  if (!/MicroMessenger/i.test(navigator.userAgent)) return;
  var hint = document.body.getAttribute("data-wechat-download-hint");
  Array.prototype.forEach.call(document.querySelectorAll("a[data-download]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var shown = link.parentNode.querySelector(".wechat-hint");
      if (shown) { shown.focus(); return; }
      var note = document.createElement("p");
      note.className = "wechat-hint";
      note.setAttribute("role", "status");
      note.tabIndex = -1;
      note.textContent = hint;
      link.parentNode.appendChild(note);
    });
  });
})();
