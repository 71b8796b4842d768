// keel serve only: reload the page after a good rebuild, show the errors of a bad one.
(() => {
  "use strict";

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** `file:line:column`, as much of it as the diagnostic has. */
  const where = (d) => d.file + (d.line ? `:${d.line}${d.column ? `:${d.column}` : ""}` : "");

  function overlay(errors) {
    const old = document.getElementById("keel-overlay");
    if (old) old.remove();
    if (!errors.length) return;
    const box = document.createElement("div");
    box.id = "keel-overlay";
    box.setAttribute("role", "alert");
    box.dir = "ltr";
    box.lang = "en";
    box.appendChild(element("h2", "", "Build failed: the page shows the last good build"));
    const list = document.createElement("ol");
    for (const d of errors) {
      const li = document.createElement("li");
      li.appendChild(element("code", "where", where(d)));
      li.appendChild(element("span", "message", ` ${d.code}: ${d.message}`));
      if (d.hint) li.appendChild(element("div", "hint", d.hint));
      list.appendChild(li);
    }
    box.appendChild(list);
    document.body.appendChild(box);
  }

  if (!window.EventSource) return;
  const source = new EventSource("/__keel/events");
  source.addEventListener("open", () => {
    document.documentElement.setAttribute("data-keel-live", "connected");
    // Catch up on a build that failed while this page was loading.
    fetch("/__keel/status").then((r) => r.json()).then(overlay).catch(() => {});
  });
  source.addEventListener("reload", () => location.reload());
  source.addEventListener("errors", (e) => {
    try {
      overlay(JSON.parse(e.data));
    } catch { /* ignore */ }
  });
})();
