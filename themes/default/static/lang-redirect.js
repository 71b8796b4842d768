// On the language chooser only: go to the reader's preferred language once per session.
// Without JavaScript the page is a plain list of languages.
(() => {
  "use strict";
  const list = document.querySelector("[data-languages]");
  if (!list) return;
  try {
    if (sessionStorage.getItem("keel-lang-chosen")) return;
    sessionStorage.setItem("keel-lang-chosen", "1");
  } catch {
    return;
  }
  const links = [...list.querySelectorAll("a[hreflang]")];
  const wanted = navigator.languages || [navigator.language || ""];
  const primary = (tag) => tag.split("-")[0];
  for (const w of wanted) {
    const tag = String(w).toLowerCase();
    for (const link of links) {
      const code = link.getAttribute("hreflang").toLowerCase();
      if (tag === code || primary(tag) === primary(code)) {
        location.replace(link.getAttribute("href"));
        return;
      }
    }
  }
})();
