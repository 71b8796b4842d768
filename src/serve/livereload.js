// keel serve only: reload the page after a good rebuild that changed it, show the errors of a
// bad one.
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

  /** This page's output path: `/en/x/` → `en/x/index.html`. */
  function here() {
    const path = decodeURIComponent(location.pathname).replace(/^\//, "");
    return path === "" || path.endsWith("/") ? `${path}index.html` : path;
  }

  if (!window.EventSource) return;
  // The server keeps what an open page shows up to date (a print view is otherwise made when
  // it is asked for).
  const source = new EventSource(`/__keel/events?page=${encodeURIComponent(`/${here()}`)}`);
  source.addEventListener("open", () => {
    document.documentElement.setAttribute("data-keel-live", "connected");
    // Catch up on a build that failed while this page was loading.
    fetch("/__keel/status").then((r) => r.json()).then(overlay).catch(() => {});
  });
  source.addEventListener("reload", (e) => {
    let paths;
    try {
      paths = JSON.parse(e.data).paths;
    } catch { /* reload */ }
    // A full build (no list) reloads every page; a rebuild, the pages it wrote.
    if (!Array.isArray(paths) || paths.includes(here())) location.reload();
    else overlay([]);
  });
  source.addEventListener("errors", (e) => {
    try {
      overlay(JSON.parse(e.data));
    } catch { /* ignore */ }
  });
})();
