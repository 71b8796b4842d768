// Keel site script: search in the page's language (index loaded on first use, works from
// file://) and offline use through the language's service worker. No inline code, no network
// requests beyond the site itself.
(function () {
  "use strict";
  var doc = document, body = doc.body;
  var lang = body.getAttribute("data-lang") || "en";
  var root = body.getAttribute("data-root") || "";

  // ---- offline: the worker in <lang>/ keeps this language's pages ----
  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol) && !doc.querySelector('meta[name="keel-serve"]')) {
    navigator.serviceWorker.register(root + lang + "/sw.js", { scope: root + lang + "/" }).catch(function () {});
  }

  // ---- normalisation: the same rules as keel's src/search.rs ----
  var FOLD = { "ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z",
    "ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ" };
  var WORD = /[\p{L}\p{N}]/u;
  function foldChar(c) {
    var cp = c.codePointAt(0);
    if ((cp >= 0x591 && cp <= 0x5bd) || cp === 0x5bf || cp === 0x5c1 || cp === 0x5c2 || cp === 0x5c4 || cp === 0x5c5 || cp === 0x5c7 || cp === 0x5f3 || cp === 0x5f4) return "";
    var l = c.toLowerCase();
    return FOLD[l] || l;
  }
  function tokens(text) {
    var out = [], word = "";
    for (var c of text) {
      var f = foldChar(c);
      if (f === "") continue;
      if (WORD.test(f)) word += f;
      else if (word) { out.push(word); word = ""; }
    }
    if (word) out.push(word);
    return out;
  }
  var PL = ["ami", "ach", "ego", "emu", "ich", "ych", "imi", "ymi", "owi", "om", "ow", "ie", "ia", "ii", "ej", "a", "e", "i", "o", "u", "y"];
  function stem(w) {
    var n = [...w].length, base = lang.split("-")[0];
    if (base === "pl") {
      for (var i = 0; i < PL.length; i++) if (w.endsWith(PL[i]) && n - PL[i].length >= 4) return w.slice(0, -PL[i].length);
    } else if (base === "en") {
      if (n > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
      if (n > 5 && w.endsWith("ing")) return w.slice(0, -3);
      if (n > 4 && w.endsWith("ed")) return w.slice(0, -2);
      if (n > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
    }
    return w;
  }
  function variants(w) {
    var v = [stem(w)];
    if (lang.split("-")[0] === "he") {
      var cs = [...w], cut = 0;
      while (cut < 2 && cs.length - cut >= 4 && "הובלמשכ".indexOf(cs[cut]) >= 0) { cut++; v.push(cs.slice(cut).join("")); }
    }
    return v;
  }

  // ---- search ----
  var form = doc.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var list = form.querySelector("[role=listbox]");
  var status = form.querySelector(".search-status");
  var index = null, active = -1, results = [];
  form.hidden = false;

  function load(then) {
    if (index || window.KEEL_SEARCH_INDEX) { index = window.KEEL_SEARCH_INDEX; then(); return; }
    var s = doc.createElement("script");
    s.src = root + lang + "/search-index.js";
    s.onload = function () { index = window.KEEL_SEARCH_INDEX || null; then(); };
    doc.head.appendChild(s);
  }

  function find(query) {
    var words = tokens(query), total = null;
    if (!words.length || !index) return [];
    words.forEach(function (w, i) {
      var found = {};
      var add = function (postings, factor) {
        (postings || []).forEach(function (p) { found[p[0]] = Math.max(found[p[0]] || 0, p[1] * factor); });
      };
      variants(w).forEach(function (v) {
        add(index.terms[v], 1);
        if (i === words.length - 1 && [...v].length >= 2) {
          for (var t in index.terms) if (t !== v && t.startsWith(v)) add(index.terms[t], 0.5);
        }
      });
      if (total === null) total = found;
      else for (var d in total) total[d] = d in found ? total[d] + found[d] : undefined;
    });
    return Object.keys(total).filter(function (d) { return total[d] !== undefined; })
      .map(function (d) { return { doc: +d, score: total[d] }; })
      .sort(function (a, b) { return b.score - a.score || a.doc - b.doc; })
      .slice(0, 10)
      .map(function (r) { r.terms = words.map(stem); return r; });
  }

  // The text around the first match, with the match marked.
  function snippet(text, terms) {
    var folded = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var f = foldChar(text[i]);
      for (var k = 0; k < f.length; k++) { folded += f[k]; map.push(i); }
    }
    var at = -1, len = 0;
    terms.forEach(function (t) {
      var v = variants(t);
      for (var j = 0; j < v.length && at < 0; j++) {
        var p = folded.indexOf(v[j]);
        if (p >= 0) { at = p; len = v[j].length; }
      }
    });
    if (at < 0) return null;
    var start = map[at], end = map[Math.min(at + len, map.length) - 1] + 1;
    var from = Math.max(0, start - 60), to = Math.min(text.length, end + 80);
    return [(from > 0 ? "…" : "") + text.slice(from, start), text.slice(start, end), text.slice(end, to) + (to < text.length ? "…" : "")];
  }

  function render() {
    list.textContent = "";
    active = -1;
    results.forEach(function (r, n) {
      var d = index.docs[r.doc];
      var li = doc.createElement("li");
      li.id = "search-result-" + n;
      li.setAttribute("role", "option");
      var a = doc.createElement("a");
      a.href = root + d[2];
      a.tabIndex = -1;
      var title = doc.createElement("span");
      title.className = "result-title";
      title.textContent = d[0];
      a.appendChild(title);
      if (d[1]) {
        var section = doc.createElement("span");
        section.className = "result-section";
        section.textContent = d[1];
        a.appendChild(section);
      }
      var p = doc.createElement("span");
      p.className = "result-snippet";
      p.dir = "auto";
      var parts = snippet(d[4], r.terms) || snippet(d[3], r.terms);
      if (parts) {
        p.appendChild(doc.createTextNode(parts[0]));
        var mark = doc.createElement("mark");
        mark.textContent = parts[1];
        p.appendChild(mark);
        p.appendChild(doc.createTextNode(parts[2]));
      } else p.textContent = d[3];
      a.appendChild(p);
      li.appendChild(a);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); location.href = a.href; });
      list.appendChild(li);
    });
    var open = results.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    input.removeAttribute("aria-activedescendant");
    status.textContent = input.value.trim() && !open ? form.getAttribute("data-none") : "";
  }

  function select(n) {
    var items = list.querySelectorAll("[role=option]");
    if (!items.length) return;
    active = (n + items.length) % items.length;
    items.forEach(function (el, i) { el.setAttribute("aria-selected", String(i === active)); });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () {
    load(function () { results = find(input.value); render(); });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); select(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); select(active - 1); }
    else if (e.key === "Enter") {
      e.preventDefault();
      var items = list.querySelectorAll("[role=option] a");
      var target = items[active >= 0 ? active : 0];
      if (target) location.href = target.href;
    } else if (e.key === "Escape") { input.value = ""; results = []; render(); }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  doc.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "/" && !(t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t.isContentEditable)) {
      e.preventDefault();
      input.focus();
    }
  });
})();
