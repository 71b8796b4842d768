// Keel message templates and working forms: fill a template's blanks and copy the text; fill a
// form (decision log, contact sheet, after-action report) and keep it on this device, where a
// drill's run log finds what was entered during the run. No dependencies, no inline code.
// Without JavaScript the templates read with their blanks named, and the forms print.
(() => {
  "use strict";
  const doc = document;
  const body = doc.body;
  const pageKey = body.getAttribute("data-page-key");
  const lang = body.getAttribute("data-lang") || "en";
  if (!pageKey) return;

  let S = {};
  try {
    S = JSON.parse(doc.getElementById("keel-strings").textContent) || {};
  } catch {
    S = {};
  }
  const say = (key, vars) => {
    let s = S[key] || key;
    for (const k in vars || {}) s = s.split(`{${k}}`).join(String(vars[k]));
    return s;
  };

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
  const str = (v) => (typeof v === "string" ? v : "");
  const now = () => new Date().toISOString();

  function download(name, type, text) {
    const a = doc.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 0);
  }
  const fileSafe = (s) => s.replace(/[^a-z0-9-]+/gi, "-");

  // ---- message templates: one value per blank, shared by every template of the page ----
  const messages = [...doc.querySelectorAll("section.message[data-message]")];
  if (messages.length) {
    const KEY = `messages:${lang}:${pageKey}`;
    const values = load(KEY) || {};
    const fill = (template, labelOf) => template.replace(/\{([A-Za-z0-9_-]+)\}/g, (all, name) => {
      const v = str(values[name]).trim();
      return v || `[${labelOf(name) || name}]`;
    });
    const render = () => {
      for (const slot of doc.querySelectorAll("bdi.slot[data-slot]")) {
        const v = str(values[slot.getAttribute("data-slot")]).trim();
        slot.textContent = v || `[${slot.getAttribute("data-label")}]`;
        slot.classList.toggle("filled", !!v);
      }
      for (const input of doc.querySelectorAll(".message-fields input[data-slot]")) {
        if (input !== doc.activeElement) input.value = str(values[input.getAttribute("data-slot")]);
      }
      for (const m of messages) {
        const count = m.querySelector(".message-length");
        if (count) count.textContent = say("sms-length", { count: [...finalText(m)].length });
      }
    };
    const finalText = (m) => {
      const labelOf = (name) => {
        const s = m.querySelector(`bdi.slot[data-slot="${CSS.escape(name)}"]`);
        return s && s.getAttribute("data-label");
      };
      const text = fill(m.getAttribute("data-source") || "", labelOf);
      const subject = m.getAttribute("data-source-subject");
      return subject ? `${say("subject")} ${fill(subject, labelOf)}\n\n${text}` : text;
    };
    for (const m of messages) {
      const fields = m.querySelector(".message-fields");
      if (fields) fields.hidden = false;
      for (const input of m.querySelectorAll("input[data-slot]")) {
        input.addEventListener("input", () => {
          const name = input.getAttribute("data-slot");
          if (input.value) values[name] = input.value;
          else delete values[name];
          store(KEY, values);
          render();
        });
      }
      const actions = m.querySelector(".message-actions");
      const status = m.querySelector(".message-status");
      if (m.classList.contains("channel-sms")) {
        const count = doc.createElement("span");
        count.className = "message-length";
        actions.insertBefore(count, status);
      }
      actions.hidden = false;
      m.querySelector(".message-copy").addEventListener("click", () => {
        copy(finalText(m), m.querySelector(".message-out")).then((ok) => {
          status.textContent = say(ok ? "copied" : "copy-failed");
        });
      });
    }
    render();
  }

  /** Copy text; where the clipboard API is missing (file://, old browsers) select it instead. */
  function copy(text, shown) {
    const fallback = () => {
      const area = doc.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "copy-buffer";
      body.appendChild(area);
      area.select();
      let ok = false;
      try {
        ok = doc.execCommand("copy");
      } catch {
        ok = false;
      }
      area.remove();
      if (!ok) {
        const range = doc.createRange();
        range.selectNodeContents(shown);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
      return ok;
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(() => true, () => fallback());
    }
    return Promise.resolve(fallback());
  }

  // ---- working forms ----
  const form = doc.querySelector("form.work-form[data-form]");
  if (!form) return;
  const KEY = `form:${pageKey}`;
  const title = form.getAttribute("data-title") || doc.title;
  const blank = () => ({ keel: 1, form: pageKey, title, fields: {}, tables: {} });
  let state = load(KEY) || blank();
  if (typeof state.fields !== "object" || !state.fields) state.fields = {};
  if (typeof state.tables !== "object" || !state.tables) state.tables = {};
  form.addEventListener("submit", (e) => e.preventDefault());

  const save = () => {
    state.title = title;
    state.lang = lang;
    state.updated = now();
    store(KEY, state);
    const status = form.querySelector(".form-status");
    if (status) status.textContent = say("form-saved");
  };

  // Single fields: text, date, time … and 1–5 scales.
  for (const box of form.querySelectorAll("[data-field]")) {
    const id = box.getAttribute("data-field");
    const inputs = [...box.querySelectorAll("input, textarea")];
    const label = (box.querySelector("label, legend") || {}).textContent || id;
    const set = (value) => {
      if (value) state.fields[id] = { value, at: now(), label: label.trim() };
      else delete state.fields[id];
      save();
    };
    for (const input of inputs) {
      input.addEventListener(input.type === "radio" ? "change" : "input", () => {
        set(input.type === "radio" ? input.value : input.value);
      });
    }
  }

  // Tables: rows with cells by column; a row added on screen is stored with when it was begun.
  const tables = [...form.querySelectorAll("section.form-table[data-table]")];
  for (const section of tables) {
    const id = section.getAttribute("data-table");
    const tbody = section.querySelector("tbody");
    const fixed = !section.querySelector(".add-row");
    const template = tbody.querySelector("tr");
    const rows = () => (state.tables[id] = Array.isArray(state.tables[id]) ? state.tables[id] : []);
    const bind = (tr) => {
      const n = +tr.getAttribute("data-row");
      for (const input of tr.querySelectorAll("input[data-col]")) {
        input.addEventListener("input", () => {
          const list = rows();
          while (list.length <= n) list.push(null);
          const row = list[n] || { at: now(), cells: {} };
          if (fixed) {
            const head = tr.querySelector("th");
            if (head) row.label = head.textContent.trim();
          }
          const col = input.getAttribute("data-col");
          if (input.value) row.cells[col] = input.value;
          else delete row.cells[col];
          list[n] = row;
          save();
        });
      }
    };
    const addRow = () => {
      const n = tbody.querySelectorAll("tr").length;
      const tr = template.cloneNode(true);
      tr.setAttribute("data-row", String(n));
      for (const input of tr.querySelectorAll("input")) {
        input.value = "";
        const col = CSS.escape(input.getAttribute("data-col"));
        const th = section.querySelector(`th[data-col="${col}"]`);
        input.setAttribute("aria-label", `${th ? th.textContent.trim() : ""} (${n + 1})`);
      }
      tbody.appendChild(tr);
      bind(tr);
      return tr;
    };
    for (const tr of tbody.querySelectorAll("tr")) bind(tr);
    if (!fixed) {
      while (tbody.querySelectorAll("tr").length < rows().length) addRow();
      const tools = section.querySelector(".form-row-tools");
      tools.hidden = false;
      tools.querySelector(".add-row").addEventListener("click", () => {
        const tr = addRow();
        const first = tr.querySelector("input");
        if (first) first.focus();
      });
    }
  }

  const render = () => {
    for (const box of form.querySelectorAll("[data-field]")) {
      const f = state.fields[box.getAttribute("data-field")];
      const value = f && typeof f === "object" ? str(f.value) : "";
      for (const input of box.querySelectorAll("input, textarea")) {
        if (input.type === "radio") input.checked = input.value === value;
        else input.value = value;
      }
    }
    for (const section of tables) {
      const list = state.tables[section.getAttribute("data-table")];
      for (const tr of section.querySelectorAll("tbody tr")) {
        const row = Array.isArray(list) ? list[+tr.getAttribute("data-row")] : null;
        for (const input of tr.querySelectorAll("input[data-col]")) {
          const cells = row && typeof row.cells === "object" && row.cells ? row.cells : {};
          input.value = str(cells[input.getAttribute("data-col")]);
        }
      }
    }
  };
  render();

  const markdown = () => {
    const out = [`# ${title}`, ""];
    for (const id in state.fields) {
      const f = state.fields[id];
      out.push(`- **${str(f.label) || id}:** ${str(f.value)}`);
    }
    for (const section of tables) {
      const id = section.getAttribute("data-table");
      const heads = [...section.querySelectorAll("thead th")];
      const cols = heads.map((th) => th.getAttribute("data-col"));
      const list = (state.tables[id] || []).filter((r) => r && r.cells);
      if (!list.length) continue;
      out.push("", `## ${section.querySelector("h2").textContent.trim()}`, "");
      out.push(`| ${heads.map((th) => th.textContent.trim()).join(" | ")} |`);
      out.push(`|${cols.map(() => "---").join("|")}|`);
      for (const r of list) {
        const cells = cols.map((c, i) => (i === 0 && r.label ? r.label : str(r.cells[c])));
        out.push(`| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`);
      }
    }
    return `${out.join("\n")}\n`;
  };

  const tools = form.querySelector(".form-tools");
  tools.hidden = false;
  const base = fileSafe(pageKey);
  tools.querySelector(".form-json").addEventListener("click", () => {
    download(`${base}.json`, "application/json", JSON.stringify(state, null, 2));
  });
  tools.querySelector(".form-md").addEventListener("click", () => {
    download(`${base}.md`, "text/markdown", markdown());
  });
  tools.querySelector(".form-clear").addEventListener("click", () => {
    if (!confirm(say("form-clear-confirm"))) return;
    state = blank();
    save();
    render();
  });
})();
