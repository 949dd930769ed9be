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

/* Share cards: when the library has set up its official account (the body's data-wechat-share,
   see portal/wechat_share.py), WeChat's JS-SDK is loaded and given the page's own title,
   description and picture (its Open Graph tags), with the site's signature of this address.
   When WeChat or the site says no, nothing happens: sharing still works, without the card. */
(function () {
  "use strict";
  var body = document.body;
  var configUrl = body.getAttribute("data-wechat-share");
  if (!/MicroMessenger/i.test(navigator.userAgent) || !configUrl || !window.fetch) return;
  var here = location.href.split("#")[0];
  function meta(name) {
    var tag = document.querySelector('meta[property="' + name + '"]') || document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : "";
  }
  fetch(configUrl + "?url=" + encodeURIComponent(here), { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (config) {
      if (!config.enabled) return;
      var script = document.createElement("script");
      script.src = body.getAttribute("data-wechat-sdk");
      script.onload = function () {
        var wx = window.wx;
        if (!wx) return;
        wx.config({ debug: false, appId: config.appId, timestamp: config.timestamp, nonceStr: config.nonceStr,
                    signature: config.signature, jsApiList: config.jsApiList });
        wx.ready(function () {
          var card = { title: meta("og:title") || document.title, desc: meta("og:description") || meta("description"),
                       link: meta("og:url") || here, imgUrl: meta("og:image") };
          wx.updateAppMessageShareData(card);
          wx.updateTimelineShareData({ title: card.title, link: card.link, imgUrl: card.imgUrl });
        });
      };
      document.head.appendChild(script);
    })
    .catch(function () { /* no card: the page is the same without it */ });
})();
