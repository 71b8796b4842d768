// Keel site script: search in the page's language (index loaded on first use, works from
// file://) and offline use through the language's service worker. No inline code, no network
// requests beyond the site itself.
(() => {
  "use strict";

  // ---- normalisation: as src/render/search_terms.rs (tests/fixtures/search-terms.tsv) ----
  // Checked against tests/fixtures/search-terms.tsv, like the Rust side, through the global
  // KeelSearchTerms (tests/browser/search-terms.test.mjs).
  const FOLD = {
    "ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z",
    "ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ",
  };
  // Rust's char::is_alphanumeric: Alphabetic or a number.
  const WORD = /^[\p{Alphabetic}\p{N}]$/u;
  const PL_SUFFIXES = [
    "ami", "ach", "ego", "emu", "ich", "ych", "imi", "ymi", "owi", "om", "ow", "ie", "ia", "ii",
    "ej", "a", "e", "i", "o", "u", "y",
  ];
  const HE_PREFIXES = "הובלמשכ";

  /** Hebrew points and cantillation, dropped from words. */
  const isPoint = (cp) =>
    (cp >= 0x591 && cp <= 0x5bd) || [0x5bf, 0x5c1, 0x5c2, 0x5c4, 0x5c5, 0x5c7, 0x5f3, 0x5f4]
      .includes(cp);

  /** Lower-case and fold one character (a code point); "" drops it. */
  function foldChar(c) {
    if (isPoint(c.codePointAt(0))) return "";
    // Like Rust's char::to_lowercase().next(): one character, never more.
    const [l = c] = c.toLowerCase();
    return FOLD[l] || l;
  }

  /** The folded words of `text`. */
  function tokens(text) {
    const out = [];
    let word = "";
    for (const c of text) {
      const f = foldChar(c);
      if (f === "") continue;
      if (WORD.test(f)) word += f;
      else if (word) {
        out.push(word);
        word = "";
      }
    }
    if (word) out.push(word);
    return out;
  }

  /** The language without its region: "en-GB" → "en". */
  const baseOf = (lang) => lang.split("-")[0];

  /** The light suffix stemmer for Polish and English; other languages keep their words. */
  function stem(base, w) {
    const n = [...w].length;
    if (base === "pl") {
      const suffix = PL_SUFFIXES.find((s) => w.endsWith(s) && n - s.length >= 4);
      if (suffix) return w.slice(0, -suffix.length);
    } else if (base === "en") {
      if (n > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
      if (n > 5 && w.endsWith("ing")) return w.slice(0, -3);
      if (n > 4 && w.endsWith("ed")) return w.slice(0, -2);
      if (n > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
    }
    return w;
  }

  /** The index terms of one folded word, in the order of Rust's word_terms_into. */
  function wordTerms(base, w) {
    const terms = [stem(base, w)];
    if (base === "he") {
      const cs = [...w];
      let cut = 0;
      while (cut < 2 && cs.length - cut >= 4 && HE_PREFIXES.includes(cs[cut])) {
        cut++;
        terms.push(cs.slice(cut).join(""));
      }
    }
    return terms;
  }

  window.KeelSearchTerms = Object.freeze({
    tokens,
    /** Every index term of `text` in language `lang`, in order, as the index build makes them. */
    terms: (lang, text) => tokens(text).flatMap((w) => wordTerms(baseOf(lang), w)),
  });

  const doc = document;
  const body = doc.body;
  const lang = body.getAttribute("data-lang") || "en";
  const root = body.getAttribute("data-root") || "";
  const base = baseOf(lang);
  const variants = (w) => wordTerms(base, w);

  // ---- offline: the worker in <lang>/ keeps this language's pages ----
  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)
    && !doc.querySelector('meta[name="keel-serve"]')) {
    navigator.serviceWorker
      .register(`${root}${lang}/sw.js`, { scope: `${root}${lang}/` })
      .catch(() => {});
  }

  // ---- search ----
  const form = doc.querySelector("form.search");
  if (!form) return;
  const input = form.querySelector("input");
  const list = form.querySelector("[role=listbox]");
  const status = form.querySelector(".search-status");
  let index = null;
  let active = -1;
  let results = [];
  form.hidden = false;

  function load(then) {
    if (index || window.KEEL_SEARCH_INDEX) {
      index = window.KEEL_SEARCH_INDEX;
      then();
      return;
    }
    const s = doc.createElement("script");
    s.src = `${root}${lang}/search-index.js`;
    s.onload = () => {
      index = window.KEEL_SEARCH_INDEX || null;
      then();
    };
    doc.head.appendChild(s);
  }

  function find(query) {
    const words = tokens(query);
    let total = null;
    if (!words.length || !index) return [];
    words.forEach((w, i) => {
      const found = {};
      const add = (postings, factor) => {
        for (const p of postings || []) found[p[0]] = Math.max(found[p[0]] || 0, p[1] * factor);
      };
      for (const v of variants(w)) {
        add(index.terms[v], 1);
        if (i === words.length - 1 && [...v].length >= 2) {
          for (const t in index.terms) if (t !== v && t.startsWith(v)) add(index.terms[t], 0.5);
        }
      }
      if (total === null) total = found;
      else for (const d in total) total[d] = d in found ? total[d] + found[d] : undefined;
    });
    return Object.keys(total)
      .filter((d) => total[d] !== undefined)
      .map((d) => ({ doc: +d, score: total[d] }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, 10)
      .map((r) => {
        r.terms = words.map((w) => stem(base, w));
        return r;
      });
  }

  // The text around the first match, with the match marked.
  function snippet(text, terms) {
    let folded = "";
    const map = [];
    for (let i = 0; i < text.length; i++) {
      const f = foldChar(text[i]);
      for (let k = 0; k < f.length; k++) {
        folded += f[k];
        map.push(i);
      }
    }
    let at = -1;
    let len = 0;
    for (const t of terms) {
      const v = variants(t);
      for (let j = 0; j < v.length && at < 0; j++) {
        const p = folded.indexOf(v[j]);
        if (p >= 0) {
          at = p;
          len = v[j].length;
        }
      }
    }
    if (at < 0) return null;
    const start = map[at];
    const end = map[Math.min(at + len, map.length) - 1] + 1;
    const from = Math.max(0, start - 60);
    const to = Math.min(text.length, end + 80);
    return [
      (from > 0 ? "…" : "") + text.slice(from, start),
      text.slice(start, end),
      text.slice(end, to) + (to < text.length ? "…" : ""),
    ];
  }

  function span(className, text) {
    const s = doc.createElement("span");
    s.className = className;
    s.textContent = text;
    return s;
  }

  function render() {
    list.textContent = "";
    active = -1;
    results.forEach((r, n) => {
      const d = index.docs[r.doc];
      const li = doc.createElement("li");
      li.id = `search-result-${n}`;
      li.setAttribute("role", "option");
      const a = doc.createElement("a");
      a.href = root + d[2];
      a.tabIndex = -1;
      a.appendChild(span("result-title", d[0]));
      if (d[1]) a.appendChild(span("result-section", d[1]));
      const p = doc.createElement("span");
      p.className = "result-snippet";
      p.dir = "auto";
      const parts = snippet(d[4], r.terms) || snippet(d[3], r.terms);
      if (parts) {
        p.appendChild(doc.createTextNode(parts[0]));
        const mark = doc.createElement("mark");
        mark.textContent = parts[1];
        p.appendChild(mark);
        p.appendChild(doc.createTextNode(parts[2]));
      } else p.textContent = d[3];
      a.appendChild(p);
      li.appendChild(a);
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        location.href = a.href;
      });
      list.appendChild(li);
    });
    const open = results.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    input.removeAttribute("aria-activedescendant");
    status.textContent = input.value.trim() && !open ? form.getAttribute("data-none") : "";
  }

  function select(n) {
    const items = list.querySelectorAll("[role=option]");
    if (!items.length) return;
    active = (n + items.length) % items.length;
    items.forEach((el, i) => el.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("focus", () => load(() => {}));
  input.addEventListener("input", () => {
    load(() => {
      results = find(input.value);
      render();
    });
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      select(active + 1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      select(active - 1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      const items = list.querySelectorAll("[role=option] a");
      const target = items[active >= 0 ? active : 0];
      if (target) location.href = target.href;
    } else if (e.key === "Escape") {
      input.value = "";
      results = [];
      render();
    }
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  const typingIn = (t) =>
    t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t.isContentEditable;
  doc.addEventListener("keydown", (e) => {
    if (e.key === "/" && !typingIn(e.target)) {
      e.preventDefault();
      input.focus();
    }
  });
})();
