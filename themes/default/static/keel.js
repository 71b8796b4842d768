// Keel checklists: remember ticks, show progress, keep routines per period, time drill runs.
// One dependency-free file, no inline code (works under a strict Content-Security-Policy).
// Without JavaScript every checkbox still works; its state just is not saved.
(() => {
  "use strict";
  const doc = document;
  const body = doc.body;
  const pageKey = body.getAttribute("data-page-key");
  const lang = body.getAttribute("data-lang") || "en";
  // Dates in the page's language, in the reader's regional style when it matches (en-GB, he-IL).
  const sameLanguage = (l) => l.split("-")[0] === lang.split("-")[0];
  const locale = (navigator.languages || []).filter(sameLanguage)[0] || lang;
  const lists = [...doc.querySelectorAll("section.checklist[data-checklist]")];
  if (!pageKey || !lists.length) return;

  let S = {};
  try {
    S = JSON.parse(doc.getElementById("keel-strings").textContent) || {};
  } catch {
    S = {};
  }
  function say(key, vars) {
    let s = S[key] || key;
    for (const k in vars || {}) s = s.split(`{${k}}`).join(String(vars[k]));
    return s;
  }

  // ---- storage: never trust what is there ----
  const PREFIX = "keel:v1:";
  function load(key) {
    try {
      const v = JSON.parse(localStorage.getItem(PREFIX + key));
      return v && typeof v === "object" && !Array.isArray(v) ? v : null;
    } catch {
      return null;
    }
  }
  function store(key, value) {
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch { /* full or blocked */ }
  }
  function drop(key) {
    try {
      localStorage.removeItem(PREFIX + key);
    } catch { /* blocked */ }
  }

  // ---- time and periods ----
  const now = () => new Date();
  const pad = (n) => (n < 10 ? "0" : "") + n;
  const isoDay = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  function isoWeek(d) {
    const t = new Date(d.getFullYear(), d.getMonth(), d.getDate());
    const day = (t.getDay() + 6) % 7;
    t.setDate(t.getDate() - day + 3);
    const first = new Date(t.getFullYear(), 0, 4);
    const week = 1 + Math.round(((t - first) / 864e5 - 3 + ((first.getDay() + 6) % 7)) / 7);
    return { year: t.getFullYear(), week };
  }
  function period(kind, d) {
    if (kind === "daily") return isoDay(d);
    if (kind === "weekly") {
      const w = isoWeek(d);
      return `${w.year}-W${pad(w.week)}`;
    }
    if (kind === "monthly") return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
    if (kind === "quarterly") return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
    if (kind === "yearly") return `${d.getFullYear()}`;
    return "";
  }
  function periodLabel(kind, key) {
    try {
      if (kind === "daily") {
        const p = key.split("-");
        const d = new Date(+p[0], +p[1] - 1, +p[2]);
        const style = { weekday: "long", day: "numeric", month: "long" };
        return new Intl.DateTimeFormat(locale, style).format(d);
      }
      if (kind === "weekly") return say("period-week", { week: +key.split("-W")[1] });
      if (kind === "quarterly") {
        const q = key.split("-Q");
        return `${say("period-quarter", { quarter: +q[1] })} ${q[0]}`;
      }
      if (kind === "yearly") return key;
      if (kind === "monthly") {
        const m = key.split("-");
        const style = { month: "long", year: "numeric" };
        return new Intl.DateTimeFormat(locale, style).format(new Date(+m[0], +m[1] - 1, 1));
      }
    } catch { /* no Intl */ }
    return key;
  }
  function clock(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return `T+${h ? `${h}:${pad(m)}` : m}:${pad(s % 60)}`;
  }
  function time(iso) {
    try {
      const style = { hour: "2-digit", minute: "2-digit" };
      return new Intl.DateTimeFormat(locale, style).format(new Date(iso));
    } catch {
      return iso;
    }
  }

  function el(tag, attrs, text) {
    const e = doc.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function button(label, onClick, cls) {
    const b = el("button", { type: "button", "class": cls || "" }, label);
    if (onClick) b.addEventListener("click", onClick);
    return b;
  }
  function download(name, type, text) {
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 0);
  }
  /** A file name part from the page key: anything but letters, digits and "-" becomes "-". */
  const fileSafe = (s) => s.replace(/[^a-z0-9-]+/gi, "-");

  // ---- one checklist ----
  class Checklist {
    constructor(section) {
      this.section = section;
      this.id = section.getAttribute("data-checklist");
      this.recurrence = section.getAttribute("data-recurrence") || "";
      this.items = [...section.querySelectorAll("li[data-item]")];
      this.ids = this.items.map((li) => li.getAttribute("data-item"));
      this.progress = section.querySelector(".progress");
      if (this.progress) this.progress.setAttribute("aria-live", "polite");
      // The default theme writes the note buttons, decision fields, tools and period lines into
      // the page (so nothing moves when this runs); a theme that does not gets them from here.
      for (const li of this.items) {
        const box = li.querySelector("input[type=checkbox]");
        box.addEventListener("change", () => this.tick(li.getAttribute("data-item"), box.checked));
        let note = li.querySelector(".note-toggle");
        if (!note) {
          note = button(say("note"), null, "note-toggle");
          note.setAttribute("aria-expanded", "false");
          let meta = li.querySelector(".meta");
          if (!meta) {
            meta = el("span", { "class": "meta" });
            li.insertBefore(meta, li.querySelector(".note"));
          }
          meta.appendChild(note);
        }
        note.addEventListener("click", () => this.toggleNote(li));
        if (li.classList.contains("kind-decision")) this.decisionFields(li);
      }
      let tools = section.querySelector(".checklist-tools");
      if (!tools) {
        tools = el("div", { "class": "checklist-tools" });
        for (const a of ["mark-all", "reset", "export", "import"]) {
          tools.appendChild(button(say(a), null)).setAttribute("data-action", a);
        }
        tools.appendChild(el("input", {
          type: "file", accept: "application/json,.json", "class": "import-file",
          "aria-label": say("import"),
        }));
        section.appendChild(tools);
      }
      const file = tools.querySelector(".import-file");
      file.addEventListener("change", () => {
        if (file.files[0]) this.importFile(file.files[0]);
        file.value = "";
      });
      const actions = {
        "mark-all": () => this.markAll(),
        reset: () => confirm(say("reset-confirm")) && this.reset(),
        export: () => this.exportState(),
        import: () => file.click(),
      };
      for (const b of tools.querySelectorAll("button[data-action]")) {
        b.addEventListener("click", actions[b.getAttribute("data-action")]);
      }
      if (this.recurrence) {
        this.periodEl = section.querySelector(".period")
          || section.insertBefore(el("p", { "class": "period" }), this.progress);
        this.historyEl = section.querySelector(".history") || section.appendChild(
          el("ul", { "class": "history", "aria-label": say("history") }));
      }
      this.load();
    }

    key() {
      const k = `${pageKey}:${this.id}`;
      return this.recurrence ? `${k}:${period(this.recurrence, now())}` : k;
    }

    load() {
      const raw = load(this.key()) || {};
      const state = { items: {}, notes: {}, decisions: {} };
      // Keep only ids that still exist: renamed or removed items are dropped quietly.
      for (const part of ["items", "notes", "decisions"]) {
        const src = raw[part];
        if (!src || typeof src !== "object") continue;
        for (const id of this.ids) if (src[id] != null) state[part][id] = src[id];
      }
      this.state = state;
      this.render();
    }

    save() {
      this.state.done = this.done();
      this.state.total = this.ids.length;
      store(this.key(), this.state);
      this.render();
      page.update();
    }

    done() {
      const items = this.state.items;
      return this.ids.filter((id) => items[id] && items[id].done).length;
    }

    tick(id, done) {
      const at = now().toISOString();
      if (done) this.state.items[id] = { done: true, at };
      else delete this.state.items[id];
      this.save();
      run.record(this.id, id, done, at);
      run.tick();
    }

    markAll() {
      for (const id of this.ids) {
        if (!(this.state.items[id] && this.state.items[id].done)) this.tick(id, true);
      }
    }

    reset() {
      this.state = { items: {}, notes: {}, decisions: {} };
      drop(this.key());
      this.save();
    }

    // A decision point records what was chosen and why, for the run log and the debrief.
    decisionFields(li) {
      const id = li.getAttribute("data-item");
      const box = li.querySelector(".decision")
        || li.appendChild(el("div", { "class": "decision" }));
      for (const field of ["chosen", "reason"]) {
        const input = box.querySelector(`.decision-${field}`) || box.appendChild(el("input", {
          type: "text", "class": `decision-${field}`, "aria-label": say(`decision-${field}`),
          placeholder: say(`decision-${field}`),
        }));
        input.addEventListener("input", () => {
          const d = { ...(this.state.decisions[id] || {}) };
          if (input.value) d[field] = input.value;
          else delete d[field];
          if (Object.keys(d).length) this.state.decisions[id] = d;
          else delete this.state.decisions[id];
          store(this.key(), this.state);
        });
      }
    }

    toggleNote(li) {
      const id = li.getAttribute("data-item");
      let area = li.querySelector("textarea.item-note");
      const toggle = li.querySelector(".note-toggle");
      if (area) {
        area.hidden = !area.hidden;
        toggle.setAttribute("aria-expanded", String(!area.hidden));
        if (!area.hidden) area.focus();
        return;
      }
      area = el("textarea", { "class": "item-note", rows: "2", "aria-label": say("note") });
      area.value = this.state.notes[id] || "";
      area.addEventListener("input", () => {
        if (area.value) this.state.notes[id] = area.value;
        else delete this.state.notes[id];
        store(this.key(), this.state);
      });
      li.appendChild(area);
      toggle.setAttribute("aria-expanded", "true");
      area.focus();
    }

    render() {
      const { items, notes } = this.state;
      for (const li of this.items) {
        const id = li.getAttribute("data-item");
        const t = items[id];
        li.querySelector("input[type=checkbox]").checked = !!(t && t.done);
        li.classList.toggle("done", !!(t && t.done));
        let stamp = li.querySelector(".ticked-at");
        if (t && t.done && t.at) {
          if (!stamp) {
            stamp = el("time", { "class": "ticked-at" });
            li.querySelector("label").appendChild(stamp);
          }
          stamp.setAttribute("datetime", t.at);
          stamp.textContent = time(t.at);
        } else if (stamp) stamp.remove();
        li.classList.toggle("has-note", !!notes[id]);
        const area = li.querySelector("textarea.item-note");
        if (area && area !== doc.activeElement) area.value = notes[id] || "";
        const d = this.state.decisions[id] || {};
        for (const f of ["chosen", "reason"]) {
          const input = li.querySelector(`.decision-${f}`);
          if (input && input !== doc.activeElement) input.value = d[f] || "";
        }
      }
      if (this.progress) {
        const tpl = this.progress.getAttribute("data-template");
        if (tpl) this.progress.textContent = tpl.split("{done}").join(String(this.done()));
      }
      this.section.classList.toggle("complete", this.done() === this.ids.length);
      if (this.recurrence) this.renderPeriods();
    }

    renderPeriods() {
      const current = period(this.recurrence, now());
      this.periodEl.textContent = periodLabel(this.recurrence, current);
      const prefix = `${PREFIX}${pageKey}:${this.id}:`;
      const past = [];
      try {
        for (let i = 0; i < localStorage.length; i++) {
          const k = localStorage.key(i);
          if (k && k.indexOf(prefix) === 0 && k.slice(prefix.length) !== current) {
            past.push(k.slice(prefix.length));
          }
        }
      } catch { /* blocked */ }
      past.sort().reverse();
      this.historyEl.textContent = "";
      for (const p of past.slice(0, 5)) {
        const st = load(`${pageKey}:${this.id}:${p}`) || {};
        const done = +st.done || 0;
        const total = +st.total || this.ids.length;
        const entry = say("history-entry", { done, count: total });
        const li = el("li", { "data-period": p }, `${periodLabel(this.recurrence, p)}: ${entry}`);
        if (done >= total) li.className = "complete";
        this.historyEl.appendChild(li);
      }
      this.historyEl.hidden = !past.length;
    }

    exportState() {
      const data = {
        keel: 1, page: pageKey, checklist: this.id,
        period: this.recurrence ? period(this.recurrence, now()) : undefined,
        exported: now().toISOString(), items: this.state.items, notes: this.state.notes,
        decisions: this.state.decisions,
      };
      const name = `${fileSafe(pageKey)}-${this.id}.json`;
      download(name, "application/json", JSON.stringify(data, null, 2));
    }

    importFile(file) {
      const reader = new FileReader();
      reader.onload = () => {
        try {
          const data = JSON.parse(reader.result);
          if (!data || data.keel !== 1 || data.checklist !== this.id) throw new Error("wrong file");
          const state = { items: {}, notes: {}, decisions: {} };
          for (const id of this.ids) {
            const t = data.items && data.items[id];
            if (t && t.done) state.items[id] = { done: true, at: String(t.at || "") };
            if (data.notes && typeof data.notes[id] === "string") state.notes[id] = data.notes[id];
            const d = data.decisions && data.decisions[id];
            if (d && typeof d === "object") {
              state.decisions[id] = {};
              for (const f of ["chosen", "reason"]) {
                if (typeof d[f] === "string") state.decisions[id][f] = d[f];
              }
            }
          }
          this.state = state;
          this.save();
        } catch {
          alert(say("import-error"));
        }
      };
      reader.readAsText(file);
    }
  }

  // ---- the page: overall progress and runs ----
  const checklists = lists.map((s) => new Checklist(s));

  // On a phone what comes before the first live list (the one worked through during the
  // incident: on a crisis page "act now", not the warning signs) folds behind one line, so its
  // first step is on the first screen; one tap (or Enter) shows the rest again.
  (function foldIntro() {
    if (!window.matchMedia || !matchMedia("(max-width: 40rem)").matches || !lists.length) return;
    const live = lists.find((s) => s.hasAttribute("data-live"));
    const list = live || lists[0];
    // The list's heading stays in view, and so does a warning callout right above the list;
    // other text between the two folds with the rest.
    let heading = null;
    const between = [];
    for (let n = list.previousElementSibling; n; n = n.previousElementSibling) {
      if (/^H[2-4]$/.test(n.tagName)) {
        heading = n;
        break;
      }
      if (n.matches("section.checklist")) break;
      between.unshift(n);
    }
    const anchor = heading || list;
    const intro = [];
    const parent = anchor.parentElement;
    const keep = (n) => n.matches("header, .run-panel");
    const shown = (n) => n.textContent.trim() || n.querySelector("img, table");
    for (let n = parent.firstElementChild; n && n !== anchor; n = n.nextElementSibling) {
      if (!keep(n) && shown(n)) intro.push(n);
    }
    if (heading) intro.push(...between.filter((n) => shown(n) && !n.matches("aside.callout")));
    // On a live page the summary under the title is part of the introduction too.
    const summary = live && doc.querySelector(".page-header .summary");
    if (summary) intro.unshift(summary);
    if (!intro.length) return;
    const fold = el("details", { "class": "intro-fold" });
    fold.appendChild(el("summary", {}, say("intro")));
    parent.insertBefore(fold, anchor);
    for (const n of intro) fold.appendChild(n);
  })();

  /** The page's overall progress line. */
  const page = {
    el: doc.querySelector(".page-progress"),
    update() {
      if (!this.el) return;
      let done = 0;
      for (const c of checklists) done += c.done();
      const tpl = this.el.getAttribute("data-template") || "";
      this.el.textContent = tpl.split("{done}").join(String(done));
    },
  };
  page.update();

  const runPanel = doc.querySelector("[data-run]");
  const RUN_KEY = `run:${pageKey}`;

  /** A timed drill run: who, when it started and ended, and when each item was ticked. */
  class Run {
    constructor() {
      this.state = load(RUN_KEY);
    }

    record(list, item, done, at) {
      if (!this.state || this.state.end) return;
      const k = `${list}/${item}`;
      if (done) this.state.ticks[k] = at;
      else delete this.state.ticks[k];
      store(RUN_KEY, this.state);
    }

    start(who) {
      const ticked = checklists.some((c) => c.done() > 0);
      if (ticked && !confirm(say("run-start-confirm"))) return;
      for (const c of checklists) c.reset();
      this.state = { who, start: now().toISOString(), ticks: {} };
      store(RUN_KEY, this.state);
      this.render();
    }

    finish() {
      if (!this.state) return;
      this.state.end = now().toISOString();
      store(RUN_KEY, this.state);
      this.render();
    }

    log() {
      const st = this.state;
      const ticks = st.ticks || {};
      const items = [];
      for (const c of checklists) {
        for (const li of c.items) {
          const id = li.getAttribute("data-item");
          const at = ticks[`${c.id}/${id}`] || null;
          const due = li.getAttribute("data-due");
          items.push({
            checklist: c.id, item: id, text: li.querySelector(".text").textContent.trim(),
            due: due ? +due : null,
            done_at: at, elapsed: at ? clock(new Date(at) - new Date(st.start)) : null,
            note: c.state.notes[id] || null,
            decision: c.state.decisions[id] || null,
          });
        }
      }
      return {
        keel: 1, page: pageKey, title: doc.title, lang, who: st.who, start: st.start,
        end: st.end || null, items, forms: formsDuring(st.start, st.end),
      };
    }

    markdown() {
      const L = this.log();
      const out = [
        `# ${say("run-log-title")}: ${L.title}`, "",
        `- ${say("run-who")}: ${L.who || "—"}`,
        `- ${say("run-started")}: ${L.start}`,
        `- ${say("run-ended")}: ${L.end || "—"}`, "", `## ${say("run-ticked")}`, "",
      ];
      const note = (i) => (i.note ? ` — ${i.note}` : "");
      for (const i of L.items.filter((i) => i.done_at)) {
        out.push(`- [x] ${i.text} — ${i.elapsed} (${i.done_at})${note(i)}`);
      }
      out.push("", `## ${say("run-unticked")}`, "");
      for (const i of L.items.filter((i) => !i.done_at)) out.push(`- [ ] ${i.text}${note(i)}`);
      const decided = L.items.filter((i) => i.decision);
      if (decided.length) {
        out.push("", `## ${say("run-decisions")}`, "");
        for (const i of decided) {
          const d = i.decision;
          const why = d.reason ? ` — ${say("decision-reason")}: ${d.reason}` : "";
          out.push(`- ${i.text}: ${d.chosen || "—"}${why}`);
        }
      }
      for (const f of L.forms) {
        out.push("", `## ${say("run-forms")}: ${f.title}`, "");
        for (const id in f.fields) out.push(`- ${f.fields[id].label || id}: ${f.fields[id].value}`);
        for (const id in f.tables) {
          for (const r of f.tables[id]) {
            const cells = Object.values(r.cells).join(" · ");
            out.push(`- ${r.label ? `${r.label}: ` : ""}${cells}`);
          }
        }
      }
      return `${out.join("\n")}\n`;
    }

    render() {
      if (!runPanel) return;
      const st = this.state;
      runPanel.textContent = "";
      const status = el("p", { "class": "run-status", role: "timer", "aria-live": "off" });
      runPanel.appendChild(status);
      if (!st || st.end) {
        const who = el("input", {
          type: "text", "class": "run-who", "aria-label": say("run-who"),
          placeholder: say("run-who"),
        });
        runPanel.appendChild(who);
        runPanel.appendChild(button(say("run-start"), () => this.start(who.value.trim()),
          "run-start"));
      } else {
        runPanel.appendChild(button(say("run-finish"), () => this.finish(), "run-finish"));
      }
      if (st && st.end) {
        const elapsed = clock(new Date(st.end) - new Date(st.start));
        status.textContent = say("run-finished", { elapsed });
        const base = `${fileSafe(pageKey)}-run-${st.start.slice(0, 16).replace(/[^0-9]/g, "")}`;
        runPanel.appendChild(button(say("run-download-json"), () => {
          download(`${base}.json`, "application/json", JSON.stringify(this.log(), null, 2));
        }, "run-json"));
        runPanel.appendChild(button(say("run-download-md"), () => {
          download(`${base}.md`, "text/markdown", this.markdown());
        }, "run-md"));
      }
      this.tick();
    }

    tick() {
      const st = this.state;
      const live = st && !st.end;
      const elapsed = live ? now() - new Date(st.start) : 0;
      const status = runPanel && runPanel.querySelector(".run-status");
      if (status && live) status.textContent = say("run-elapsed", { elapsed: clock(elapsed) });
      for (const c of checklists) {
        for (const li of c.items) {
          const due = li.getAttribute("data-due");
          const overdue = live && due !== null && elapsed > +due * 60000
            && !li.querySelector("input").checked;
          li.classList.toggle("overdue", !!overdue);
        }
      }
    }
  }

  /**
   * What was entered in the working forms (decision log, contact sheet …, kept by forms.js)
   * between the run's start and end: fields and table rows begun in that time.
   */
  function formsDuring(start, end) {
    const from = start || "";
    const to = end || now().toISOString();
    const within = (at) => typeof at === "string" && at >= from && at <= to;
    const found = [];
    const keys = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k && k.indexOf(`${PREFIX}form:`) === 0) keys.push(k.slice(PREFIX.length));
      }
    } catch { /* blocked */ }
    for (const k of keys.sort()) {
      const f = load(k);
      if (!f) continue;
      const fields = {};
      for (const id in f.fields || {}) {
        const v = f.fields[id];
        if (v && within(v.at)) {
          fields[id] = { label: String(v.label || id), value: String(v.value || "") };
        }
      }
      const tables = {};
      for (const id in f.tables || {}) {
        const rows = (Array.isArray(f.tables[id]) ? f.tables[id] : [])
          .filter((r) => r && within(r.at) && r.cells && typeof r.cells === "object")
          .map((r) => ({ at: r.at, label: r.label ? String(r.label) : undefined, cells: r.cells }));
        if (rows.length) tables[id] = rows;
      }
      if (Object.keys(fields).length || Object.keys(tables).length) {
        const form = String(f.form || k.slice(5));
        found.push({ form, title: String(f.title || ""), fields, tables });
      }
    }
    return found;
  }

  const run = new Run();
  if (runPanel) {
    runPanel.hidden = false;
    run.render();
    setInterval(() => run.tick(), 1000);
  }
  body.classList.add("keel-ready");
})();
