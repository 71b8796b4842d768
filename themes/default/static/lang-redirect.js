// On the language chooser only: go to the reader's preferred language once per session.
// Without JavaScript the page is a plain list of languages.
(function () {
  "use strict";
  var list = document.querySelector("[data-languages]");
  if (!list) return;
  try {
    if (sessionStorage.getItem("keel-lang-chosen")) return;
    sessionStorage.setItem("keel-lang-chosen", "1");
  } catch (e) { return; }
  var links = Array.prototype.slice.call(list.querySelectorAll("a[hreflang]"));
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var tag = String(wanted[i]).toLowerCase();
    for (var j = 0; j < links.length; j++) {
      var code = links[j].getAttribute("hreflang").toLowerCase();
      if (tag === code || tag.split("-")[0] === code.split("-")[0]) {
        location.replace(links[j].getAttribute("href"));
        return;
      }
    }
  }
})();
