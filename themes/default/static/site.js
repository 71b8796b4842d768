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
    "owania", "owanie", "owaniu", "owego", "owych", "owymi", "owemu", "ujemy", "ujesz", "owac",
    "iami", "iach", "iom", "ami", "ach", "ego", "emu", "ich", "ych", "imi", "ymi", "owi", "owa",
    "owe", "owy", "iem",
    "uje", "uja", "ac", "ic", "yc", "em", "om", "ow", "ie", "ia", "ii", "ej", "ym", "a", "e", "i",
    "o", "u", "y",
  ];
  const HE_PREFIXES = "הובלמשכ";
  const HE_MAX_PREFIXES = 3;
  const HE_MIN_STEM = 3;
  const HE_SUFFIXES = ["ימ", "ות", "י", "ת", "ה"];

  /** A Hebrew word without its ending, if it has one and enough letters stay. */
  function heStem(cs) {
    const w = cs.join("");
    const s = HE_SUFFIXES.find((x) => w.endsWith(x) && cs.length >= [...x].length + HE_MIN_STEM);
    return s ? w.slice(0, -s.length) : null;
  }

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
    if (base !== "he") return [stem(base, w)];
    // The word, then without one, two or three prefix letters, each also without its ending.
    const cs = [...w];
    const terms = [];
    for (let cut = 0; cut <= HE_MAX_PREFIXES; cut++) {
      if (cut > 0 && !(cs.length - (cut - 1) > HE_MIN_STEM && HE_PREFIXES.includes(cs[cut - 1]))) {
        break;
      }
      const rest = cs.slice(cut);
      terms.push(rest.join(""));
      const st = heStem(rest);
      if (st !== null) terms.push(st);
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
  let active = -1;
  let results = [];
  let query = 0;
  form.hidden = false;

  // ---- the sharded index: <lang>/search/index.js, t-N.js (terms), d-N.js (pages) ----
  // Every file is a script that hands its data to window.KeelSearch, so it loads from file://.
  const dir = `${root}${lang}/search/`;
  const store = { meta: null, terms: {}, docs: {}, waiting: {} };
  const settle = (key) => {
    for (const done of store.waiting[key] || []) done();
    delete store.waiting[key];
  };
  window.KeelSearch = {
    meta(m) { store.meta = m; settle("meta"); },
    terms(l, n, t) { if (l === lang) { store.terms[n] = t; settle(`t${n}`); } },
    docs(l, n, d) { if (l === lang) { store.docs[n] = d; settle(`d${n}`); } },
  };
  /** Load one file of the index once; resolves when its data is there (or it failed). */
  function need(key, file, have) {
    if (have()) return Promise.resolve();
    return new Promise((done) => {
      const first = !store.waiting[key];
      (store.waiting[key] = store.waiting[key] || []).push(done);
      if (!first) return;
      const s = doc.createElement("script");
      s.src = dir + file;
      s.onerror = () => settle(key);
      doc.head.appendChild(s);
    });
  }
  const loadMeta = () => need("meta", "index.js", () => store.meta);

  /** The shard a term is in: the last whose first term is not after it. */
  function shardOf(term) {
    const starts = store.meta.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** The shards that may hold terms starting with `prefix` (at most a few). */
  function shardsFrom(prefix) {
    const first = shardOf(prefix);
    const out = [first];
    const starts = store.meta.starts;
    for (let n = first + 1; n < starts.length && out.length < 3; n++) {
      if (!starts[n].startsWith(prefix)) break;
      out.push(n);
    }
    return out;
  }
  const loadShard = (n) => need(`t${n}`, `t-${n}.js`, () => store.terms[n]);
  const postings = (term) => (store.terms[shardOf(term)] || {})[term];

  /** One edit apart (a letter added, dropped, changed, or two swapped): for typos. */
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    const [s, l] = a.length < b.length ? [a, b] : [b, a];
    return s.slice(i) === l.slice(i + 1);
  }

  /**
   * What a query word can match, each with a weight: its own variants, synonyms, terms it
   * begins (the last word, as it is typed), and terms one typo away (words of five letters or
   * more that match nothing as typed).
   */
  function candidates(w, last) {
    const own = variants(w);
    const out = own.map((t) => [t, 1]);
    for (const t of own) {
      for (const s of store.meta.synonyms[t] || []) out.push([s, 0.8]);
    }
    if (last && [...w].length >= 2) {
      for (const n of shardsFrom(own[0])) {
        for (const t in store.terms[n] || {}) {
          if (t !== own[0] && t.startsWith(own[0])) out.push([t, 0.6]);
        }
      }
    }
    if ([...w].length >= 5 && own.every((t) => !postings(t))) {
      const shard = store.terms[shardOf(own[0])] || {};
      for (const t in shard) if (oneEdit(t, own[0])) out.push([t, 0.4]);
    }
    return out;
  }

  /** Load the shards a query needs: its words' variants, synonyms and prefixes. */
  function loadFor(words) {
    const shards = new Set();
    words.forEach((w, i) => {
      for (const t of variants(w)) {
        shards.add(shardOf(t));
        for (const s of store.meta.synonyms[t] || []) shards.add(shardOf(s));
        if (i === words.length - 1) for (const n of shardsFrom(t)) shards.add(n);
      }
    });
    return Promise.all([...shards].map(loadShard));
  }

  /**
   * BM25: each word adds its best match's rarity × saturated frequency (built in); every word
   * is optional, but a page with more of the query's words comes first.
   */
  function rank(words) {
    const n = store.meta.n;
    const found = {};
    words.forEach((w, i) => {
      const best = {};
      for (const [t, weight] of candidates(w, i === words.length - 1)) {
        const p = postings(t);
        if (!p) continue;
        const df = p.length / 2;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (let k = 0; k < p.length; k += 2) {
          const s = idf * p[k + 1] * weight;
          if (!(best[p[k]] >= s)) best[p[k]] = s;
        }
      }
      for (const d in best) {
        const f = found[d] || (found[d] = { doc: +d, score: 0, words: 0 });
        f.score += best[d];
        f.words += 1;
      }
    });
    return Object.values(found)
      .sort((a, b) => b.words - a.words || b.score - a.score || a.doc - b.doc)
      .slice(0, 10)
      .map((r) => Object.assign(r, { terms: words.map((w) => stem(base, w)) }));
  }

  /** The documents of `results`, loaded. */
  function loadDocs(found) {
    const per = store.meta.perFile;
    const files = new Set(found.map((r) => Math.floor(r.doc / per)));
    return Promise.all([...files].map((f) => need(`d${f}`, `d-${f}.js`, () => store.docs[f])));
  }
  const docOf = (d) => {
    const per = store.meta.perFile;
    return (store.docs[Math.floor(d / per)] || [])[d % per];
  };

  /**
   * Proximity: among results with the same number of the query's words, a page whose title,
   * summary or text has two of them side by side (in the query's order) comes first.
   */
  function phrase(found, words) {
    if (words.length < 2) return found;
    const pairs = words.slice(1).map((w, i) => [stem(base, words[i]), stem(base, w)]);
    for (const r of found) {
      const d = docOf(r.doc);
      const text = tokens(`${d[0]} ${d[3]} ${d[4]}`).map((w) => stem(base, w));
      let near = 0;
      for (let i = 0; i + 1 < text.length; i++) {
        if (pairs.some(([a, b]) => text[i] === a && text[i + 1] === b)) near++;
      }
      r.score *= 1 + Math.min(near, 3) * 0.15;
    }
    return found.sort((a, b) => b.words - a.words || b.score - a.score || a.doc - b.doc);
  }

  /** Search for `text`; `show` gets the results unless a newer query started meanwhile. */
  function find(text, show) {
    const mine = ++query;
    const words = tokens(text);
    if (!words.length) {
      show([]);
      return;
    }
    loadMeta()
      .then(() => (store.meta ? loadFor(words) : null))
      .then(() => {
        if (!store.meta) return [];
        const found = rank(words);
        return loadDocs(found).then(() => phrase(found.filter((r) => docOf(r.doc)), words));
      })
      .then((found) => {
        if (mine === query) show(found);
      });
  }
  window.KeelSearchQuery = (text) => new Promise((done) => find(text, (r) => done(
    r.map((x) => ({ path: docOf(x.doc)[2], title: docOf(x.doc)[0], words: x.words })))));

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
      const d = docOf(r.doc);
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

  input.addEventListener("focus", () => loadMeta());
  input.addEventListener("input", () => {
    find(input.value, (found) => {
      results = found;
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
