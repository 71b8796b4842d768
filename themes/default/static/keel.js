// Keel checklists: remember ticks, show progress, keep routines per period, time drill runs.
// One dependency-free file, no inline code (works under a strict Content-Security-Policy).
// Without JavaScript every checkbox still works; its state just is not saved.
(function () {
  "use strict";
  var doc = document;
  var body = doc.body;
  var pageKey = body.getAttribute("data-page-key");
  var lang = body.getAttribute("data-lang") || "en";
  // Dates in the page's language, in the reader's regional style when it matches (en-GB, he-IL).
  var locale = ((navigator.languages || []).filter(function (l) { return l.split("-")[0] === lang.split("-")[0]; })[0]) || lang;
  var lists = [].slice.call(doc.querySelectorAll("section.checklist[data-checklist]"));
  if (!pageKey || !lists.length) return;

  var S = {};
  try { S = JSON.parse(doc.getElementById("keel-strings").textContent) || {}; } catch (e) { S = {}; }
  function say(key, vars) {
    var s = S[key] || key;
    for (var k in vars || {}) s = s.split("{" + k + "}").join(String(vars[k]));
    return s;
  }

  // ---- storage: never trust what is there ----
  var PREFIX = "keel:v1:";
  function load(key) {
    try {
      var v = JSON.parse(localStorage.getItem(PREFIX + key));
      return v && typeof v === "object" && !Array.isArray(v) ? v : null;
    } catch (e) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(PREFIX + key, JSON.stringify(value)); } catch (e) { /* full or blocked */ }
  }
  function drop(key) { try { localStorage.removeItem(PREFIX + key); } catch (e) { /* blocked */ } }

  // ---- time and periods ----
  function now() { return new Date(); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDay(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function isoWeek(d) {
    var t = new Date(d.getFullYear(), d.getMonth(), d.getDate());
    var day = (t.getDay() + 6) % 7;
    t.setDate(t.getDate() - day + 3);
    var first = new Date(t.getFullYear(), 0, 4);
    var week = 1 + Math.round(((t - first) / 864e5 - 3 + ((first.getDay() + 6) % 7)) / 7);
    return { year: t.getFullYear(), week: week };
  }
  function period(kind, d) {
    if (kind === "daily") return isoDay(d);
    if (kind === "weekly") { var w = isoWeek(d); return w.year + "-W" + pad(w.week); }
    if (kind === "monthly") return d.getFullYear() + "-" + pad(d.getMonth() + 1);
    return "";
  }
  function periodLabel(kind, key) {
    try {
      if (kind === "daily") {
        var p = key.split("-");
        var d = new Date(+p[0], +p[1] - 1, +p[2]);
        return new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long" }).format(d);
      }
      if (kind === "weekly") return say("period-week", { week: +key.split("-W")[1] });
      if (kind === "monthly") {
        var m = key.split("-");
        return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric" }).format(new Date(+m[0], +m[1] - 1, 1));
      }
    } catch (e) { /* no Intl */ }
    return key;
  }
  function clock(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return "T+" + (h ? h + ":" + pad(m) : m) + ":" + pad(s % 60);
  }
  function time(iso) {
    try { return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso)); } catch (e) { return iso; }
  }

  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function button(label, onClick, cls) {
    var b = el("button", { type: "button", "class": cls || "" }, label);
    b.addEventListener("click", onClick);
    return b;
  }
  function download(name, type, text) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  // ---- one checklist ----
  function Checklist(section) {
    var self = this;
    this.section = section;
    this.id = section.getAttribute("data-checklist");
    this.recurrence = section.getAttribute("data-recurrence") || "";
    this.items = [].slice.call(section.querySelectorAll("li[data-item]"));
    this.ids = this.items.map(function (li) { return li.getAttribute("data-item"); });
    this.progress = section.querySelector(".progress");
    if (this.progress) this.progress.setAttribute("aria-live", "polite");
    this.items.forEach(function (li) {
      var box = li.querySelector("input[type=checkbox]");
      box.addEventListener("change", function () { self.tick(li.getAttribute("data-item"), box.checked); });
      var note = button(say("note"), function () { self.toggleNote(li); }, "note-toggle");
      note.setAttribute("aria-expanded", "false");
      var meta = li.querySelector(".meta");
      if (!meta) { meta = el("span", { "class": "meta" }); li.insertBefore(meta, li.querySelector(".note")); }
      meta.appendChild(note);
    });
    var tools = el("div", { "class": "checklist-tools" });
    tools.appendChild(button(say("mark-all"), function () { self.markAll(); }));
    tools.appendChild(button(say("reset"), function () { if (confirm(say("reset-confirm"))) self.reset(); }));
    tools.appendChild(button(say("export"), function () { self.exportState(); }));
    var file = el("input", { type: "file", accept: "application/json,.json", "class": "import-file", "aria-label": say("import") });
    file.addEventListener("change", function () { if (file.files[0]) self.importFile(file.files[0]); file.value = ""; });
    tools.appendChild(button(say("import"), function () { file.click(); }));
    tools.appendChild(file);
    section.appendChild(tools);
    if (this.recurrence) {
      this.periodEl = el("p", { "class": "period" });
      this.historyEl = el("ul", { "class": "history", "aria-label": say("history") });
      section.insertBefore(this.periodEl, this.progress);
      section.appendChild(this.historyEl);
    }
    this.load();
  }
  Checklist.prototype.key = function () {
    var k = pageKey + ":" + this.id;
    return this.recurrence ? k + ":" + period(this.recurrence, now()) : k;
  };
  Checklist.prototype.load = function () {
    var raw = load(this.key()) || {};
    var state = { items: {}, notes: {} };
    var ids = this.ids;
    // Keep only ids that still exist: renamed or removed items are dropped quietly.
    ["items", "notes"].forEach(function (part) {
      var src = raw[part];
      if (!src || typeof src !== "object") return;
      ids.forEach(function (id) { if (src[id] != null) state[part][id] = src[id]; });
    });
    this.state = state;
    this.render();
  };
  Checklist.prototype.save = function () {
    this.state.done = this.done();
    this.state.total = this.ids.length;
    store(this.key(), this.state);
    this.render();
    page.update();
  };
  Checklist.prototype.done = function () {
    var items = this.state.items;
    return this.ids.filter(function (id) { return items[id] && items[id].done; }).length;
  };
  Checklist.prototype.tick = function (id, done) {
    var at = now().toISOString();
    if (done) this.state.items[id] = { done: true, at: at };
    else delete this.state.items[id];
    this.save();
    run.record(this.id, id, done, at);
    run.tick();
  };
  Checklist.prototype.markAll = function () {
    var self = this;
    this.ids.forEach(function (id) { if (!(self.state.items[id] && self.state.items[id].done)) self.tick(id, true); });
  };
  Checklist.prototype.reset = function () {
    this.state = { items: {}, notes: {} };
    drop(this.key());
    this.save();
  };
  Checklist.prototype.toggleNote = function (li) {
    var self = this, id = li.getAttribute("data-item");
    var area = li.querySelector("textarea.item-note");
    var toggle = li.querySelector(".note-toggle");
    if (area) { area.hidden = !area.hidden; toggle.setAttribute("aria-expanded", String(!area.hidden)); if (!area.hidden) area.focus(); return; }
    area = el("textarea", { "class": "item-note", rows: "2", "aria-label": say("note") });
    area.value = this.state.notes[id] || "";
    area.addEventListener("input", function () {
      if (area.value) self.state.notes[id] = area.value; else delete self.state.notes[id];
      store(self.key(), self.state);
    });
    li.appendChild(area);
    toggle.setAttribute("aria-expanded", "true");
    area.focus();
  };
  Checklist.prototype.render = function () {
    var items = this.state.items, notes = this.state.notes;
    this.items.forEach(function (li) {
      var id = li.getAttribute("data-item");
      var t = items[id];
      li.querySelector("input[type=checkbox]").checked = !!(t && t.done);
      li.classList.toggle("done", !!(t && t.done));
      var stamp = li.querySelector(".ticked-at");
      if (t && t.done && t.at) {
        if (!stamp) { stamp = el("time", { "class": "ticked-at" }); li.querySelector("label").appendChild(stamp); }
        stamp.setAttribute("datetime", t.at);
        stamp.textContent = time(t.at);
      } else if (stamp) stamp.remove();
      li.classList.toggle("has-note", !!notes[id]);
      var area = li.querySelector("textarea.item-note");
      if (area && area !== doc.activeElement) area.value = notes[id] || "";
    });
    if (this.progress) {
      var tpl = this.progress.getAttribute("data-template");
      if (tpl) this.progress.textContent = tpl.split("{done}").join(String(this.done()));
    }
    this.section.classList.toggle("complete", this.done() === this.ids.length);
    if (this.recurrence) this.renderPeriods();
  };
  Checklist.prototype.renderPeriods = function () {
    var current = period(this.recurrence, now());
    this.periodEl.textContent = periodLabel(this.recurrence, current);
    var prefix = PREFIX + pageKey + ":" + this.id + ":";
    var past = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k && k.indexOf(prefix) === 0 && k.slice(prefix.length) !== current) past.push(k.slice(prefix.length));
      }
    } catch (e) { /* blocked */ }
    past.sort().reverse();
    this.historyEl.textContent = "";
    var self = this;
    past.slice(0, 5).forEach(function (p) {
      var st = load(pageKey + ":" + self.id + ":" + p) || {};
      var done = +st.done || 0, total = +st.total || self.ids.length;
      var li = el("li", { "data-period": p }, periodLabel(self.recurrence, p) + ": " + say("history-entry", { done: done, count: total }));
      if (done >= total) li.className = "complete";
      self.historyEl.appendChild(li);
    });
    this.historyEl.hidden = !past.length;
  };
  Checklist.prototype.exportState = function () {
    var data = { keel: 1, page: pageKey, checklist: this.id, period: this.recurrence ? period(this.recurrence, now()) : undefined,
      exported: now().toISOString(), items: this.state.items, notes: this.state.notes };
    download(pageKey.replace(/[^a-z0-9-]+/gi, "-") + "-" + this.id + ".json", "application/json", JSON.stringify(data, null, 2));
  };
  Checklist.prototype.importFile = function (file) {
    var self = this, reader = new FileReader();
    reader.onload = function () {
      try {
        var data = JSON.parse(reader.result);
        if (!data || data.keel !== 1 || data.checklist !== self.id) throw new Error("wrong file");
        var state = { items: {}, notes: {} };
        self.ids.forEach(function (id) {
          var t = data.items && data.items[id];
          if (t && t.done) state.items[id] = { done: true, at: String(t.at || "") };
          if (data.notes && typeof data.notes[id] === "string") state.notes[id] = data.notes[id];
        });
        self.state = state;
        self.save();
      } catch (e) { alert(say("import-error")); }
    };
    reader.readAsText(file);
  };

  // ---- the page: overall progress and runs ----
  var checklists = lists.map(function (s) { return new Checklist(s); });
  var page = {
    el: doc.querySelector(".page-progress"),
    update: function () {
      if (!this.el) return;
      var done = 0;
      checklists.forEach(function (c) { done += c.done(); });
      this.el.textContent = (this.el.getAttribute("data-template") || "").split("{done}").join(String(done));
    }
  };
  page.update();

  var runPanel = doc.querySelector("[data-run]");
  var RUN_KEY = "run:" + pageKey;
  var run = {
    state: load(RUN_KEY),
    record: function (list, item, done, at) {
      if (!this.state || this.state.end) return;
      var k = list + "/" + item;
      if (done) this.state.ticks[k] = at; else delete this.state.ticks[k];
      store(RUN_KEY, this.state);
    },
    start: function (who) {
      var ticked = checklists.some(function (c) { return c.done() > 0; });
      if (ticked && !confirm(say("run-start-confirm"))) return;
      checklists.forEach(function (c) { c.reset(); });
      this.state = { who: who, start: now().toISOString(), ticks: {} };
      store(RUN_KEY, this.state);
      this.render();
    },
    finish: function () {
      if (!this.state) return;
      this.state.end = now().toISOString();
      store(RUN_KEY, this.state);
      this.render();
    },
    log: function () {
      var st = this.state, ticks = st.ticks || {};
      var items = [];
      checklists.forEach(function (c) {
        c.items.forEach(function (li) {
          var id = li.getAttribute("data-item");
          var at = ticks[c.id + "/" + id] || null;
          items.push({ checklist: c.id, item: id, text: li.querySelector(".text").textContent.trim(),
            due: li.getAttribute("data-due") ? +li.getAttribute("data-due") : null,
            done_at: at, elapsed: at ? clock(new Date(at) - new Date(st.start)) : null, note: c.state.notes[id] || null });
        });
      });
      return { keel: 1, page: pageKey, title: doc.title, lang: lang, who: st.who, start: st.start, end: st.end || null, items: items };
    },
    markdown: function () {
      var L = this.log();
      var out = ["# " + say("run-log-title") + ": " + L.title, "",
        "- " + say("run-who") + ": " + (L.who || "—"),
        "- " + say("run-started") + ": " + L.start,
        "- " + say("run-ended") + ": " + (L.end || "—"), "", "## " + say("run-ticked"), ""];
      L.items.filter(function (i) { return i.done_at; }).forEach(function (i) {
        out.push("- [x] " + i.text + " — " + i.elapsed + " (" + i.done_at + ")" + (i.note ? " — " + i.note : ""));
      });
      out.push("", "## " + say("run-unticked"), "");
      L.items.filter(function (i) { return !i.done_at; }).forEach(function (i) {
        out.push("- [ ] " + i.text + (i.note ? " — " + i.note : ""));
      });
      return out.join("\n") + "\n";
    },
    render: function () {
      if (!runPanel) return;
      var st = this.state, self = this;
      runPanel.textContent = "";
      var status = el("p", { "class": "run-status", role: "timer", "aria-live": "off" });
      runPanel.appendChild(status);
      if (!st || st.end) {
        var who = el("input", { type: "text", "class": "run-who", "aria-label": say("run-who"), placeholder: say("run-who") });
        runPanel.appendChild(who);
        runPanel.appendChild(button(say("run-start"), function () { self.start(who.value.trim()); }, "run-start"));
      } else {
        runPanel.appendChild(button(say("run-finish"), function () { self.finish(); }, "run-finish"));
      }
      if (st && st.end) {
        status.textContent = say("run-finished", { elapsed: clock(new Date(st.end) - new Date(st.start)) });
        var base = pageKey.replace(/[^a-z0-9-]+/gi, "-") + "-run-" + st.start.slice(0, 16).replace(/[^0-9]/g, "");
        runPanel.appendChild(button(say("run-download-json"), function () { download(base + ".json", "application/json", JSON.stringify(self.log(), null, 2)); }, "run-json"));
        runPanel.appendChild(button(say("run-download-md"), function () { download(base + ".md", "text/markdown", self.markdown()); }, "run-md"));
      }
      this.tick();
    },
    tick: function () {
      var st = this.state;
      var live = st && !st.end;
      var elapsed = live ? now() - new Date(st.start) : 0;
      var status = runPanel && runPanel.querySelector(".run-status");
      if (status && live) status.textContent = say("run-elapsed", { elapsed: clock(elapsed) });
      checklists.forEach(function (c) {
        c.items.forEach(function (li) {
          var due = li.getAttribute("data-due");
          var overdue = live && due !== null && elapsed > +due * 60000 && !li.querySelector("input").checked;
          li.classList.toggle("overdue", !!overdue);
        });
      });
    }
  };
  if (runPanel) {
    runPanel.hidden = false;
    run.render();
    setInterval(function () { run.tick(); }, 1000);
  }
  body.classList.add("keel-ready");
})();
