// keel serve only: reload the page after a good rebuild, show the errors of a bad one.
(function () {
  "use strict";
  function overlay(errors) {
    var old = document.getElementById("keel-overlay");
    if (old) old.remove();
    if (!errors.length) return;
    var box = document.createElement("div");
    box.id = "keel-overlay";
    box.setAttribute("role", "alert");
    box.dir = "ltr";
    box.lang = "en";
    var h = document.createElement("h2");
    h.textContent = "Build failed: the page shows the last good build";
    box.appendChild(h);
    var list = document.createElement("ol");
    errors.forEach(function (d) {
      var li = document.createElement("li");
      var where = document.createElement("code");
      where.className = "where";
      where.textContent = d.file + (d.line ? ":" + d.line + (d.column ? ":" + d.column : "") : "");
      var msg = document.createElement("span");
      msg.className = "message";
      msg.textContent = " " + d.code + ": " + d.message;
      li.appendChild(where);
      li.appendChild(msg);
      if (d.hint) {
        var hint = document.createElement("div");
        hint.className = "hint";
        hint.textContent = d.hint;
        li.appendChild(hint);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  if (!window.EventSource) return;
  var source = new EventSource("/__keel/events");
  source.addEventListener("open", function () {
    document.documentElement.setAttribute("data-keel-live", "connected");
    // Catch up on a build that failed while this page was loading.
    fetch("/__keel/status").then(function (r) { return r.json(); }).then(overlay).catch(function () {});
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("errors", function (e) {
    try { overlay(JSON.parse(e.data)); } catch (err) { /* ignore */ }
  });
})();
