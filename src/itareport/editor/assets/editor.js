// itareport edit: the form (drawn from the spec the server derives from the model's JSON Schema),
// problems at their fields, the preview, saving, building, changes on disk. No framework, no
// inline script (the page's Content-Security-Policy allows only this file).
"use strict";
(() => {
  const DEBOUNCE_MS = 300;
  const PAGE_WIDTH_PX = 1123; // A4 landscape, 297 mm at 96 px per inch
  const TRUE_WORDS = ["true", "True", "TRUE", "yes", "Yes", "on", "On", "1"];

  let spec = null, W = {}, lang = "th";
  let doc = null, version = null, savedJSON = "", mode = "form";
  let problems = [], todos = [], previewId = -1, readOnly = false;
  let checkTimer = null, checkSeq = 0, shownSeq = 0;
  const open = new Set();          // item names whose bodies are shown
  const doneTodos = new Set();

  // --- small helpers ------------------------------------------------------------------------
  const byId = (id) => document.getElementById(id);
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) if (child) node.append(child);
    return node;
  }
  const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  const digits = (n) => (lang === "th" ? String(n).replace(/[0-9]/g, (d) => "๐๑๒๓๔๕๖๗๘๙"[d]) : String(n));
  const toArabic = (s) => String(s).replace(/[๐-๙]/g, (d) => "0123456789"["๐๑๒๓๔๕๖๗๘๙".indexOf(d)]);
  const nameOf = (path) => path.join(".");
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const dirty = () => mode === "form" && doc !== null && JSON.stringify(doc) !== savedJSON;

  async function api(path, body) {
    const init = body === undefined ? { method: "GET" } :
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(path, { ...init, credentials: "same-origin", cache: "no-store" });
    let data = null;
    try { data = await response.json(); } catch (e) { data = { message: String(response.status) }; }
    return { status: response.status, data };
  }

  function getAt(path) {
    let value = doc;
    for (const part of path) {
      if (value === null || value === undefined) return undefined;
      value = value[part];
    }
    return value;
  }
  function setAt(path, value) {
    let parent = doc;
    for (let i = 0; i < path.length - 1; i++) {
      if (!isObject(parent[path[i]]) && !Array.isArray(parent[path[i]])) parent[path[i]] = typeof path[i + 1] === "number" ? [] : {};
      parent = parent[path[i]];
    }
    const last = path[path.length - 1];
    if (value === undefined) {
      if (Array.isArray(parent)) parent.splice(last, 1); else delete parent[last];
    } else parent[last] = value;
    edited();
  }

  // --- the form --------------------------------------------------------------------------------
  function context() {
    const declared = Array.isArray(doc.columns) && doc.columns.length > 0;
    return { declared, kind: typeof doc.kind === "string" ? doc.kind : "measures-report" };
  }

  function field(node, path, control, extra = {}) {
    const name = nameOf(path);
    const labelId = "l:" + name, hintId = "h:" + name, msgId = "m:" + name;
    const wrap = el("div", { class: "field " + (extra.cls || ""), id: "w:" + name });
    const label = extra.legend ? null : el("label", { id: labelId, for: "f:" + name, text: node.label + (node.required ? " *" : "") });
    if (label) wrap.append(label);
    if (node.hint) wrap.append(el("p", { class: "hint", id: hintId, text: node.hint }));
    if (control) {
      const described = [node.hint ? hintId : null, msgId].filter(Boolean).join(" ");
      control.setAttribute("aria-describedby", described);
      wrap.append(control);
    }
    wrap.append(el("div", { class: "msgs", id: msgId }));
    return wrap;
  }

  function autosize(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  function textControl(node, path, value, long) {
    const name = nameOf(path);
    const optional = !node.required;
    let control;
    if (node.examples || node.type !== "text") {
      control = el("input", { type: "text", id: "f:" + name, class: "text", autocomplete: "off",
        inputmode: node.type === "text" ? null : node.type === "number" ? "decimal" : "numeric",
        list: node.examples ? "x:" + name : null });
    } else {
      control = el("textarea", { id: "f:" + name, class: "text", rows: long ? 3 : 1 });
      control.addEventListener("input", () => autosize(control));
      requestAnimationFrame(() => autosize(control));
    }
    control.value = typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
    const had = value !== undefined;
    control.addEventListener("input", () => {
      const text = control.value;
      setAt(path, text === "" && optional ? (had && value === null ? null : undefined) : text);
      if (path[path.length - 1] === "title") updateHeads();
    });
    const wrap = field(node, path, control);
    if (node.examples) wrap.append(el("datalist", { id: "x:" + name }, node.examples.map((e) => el("option", { value: e }))));
    return wrap;
  }

  function boolControl(node, path, value) {
    const name = nameOf(path);
    const box = el("input", { type: "checkbox", id: "f:" + name });
    box.checked = TRUE_WORDS.includes(String(value));
    box.addEventListener("change", () => setAt(path, box.checked ? "true" : "false"));
    const wrap = el("div", { class: "field check", id: "w:" + name },
      box, el("label", { for: "f:" + name, text: node.label }));
    if (node.hint) wrap.append(el("p", { class: "hint", id: "h:" + name, text: node.hint }));
    wrap.append(el("div", { class: "msgs", id: "m:" + name }));
    box.setAttribute("aria-describedby", "m:" + name);
    return wrap;
  }

  function choiceControl(node, path, value) {
    const name = nameOf(path);
    const select = el("select", { id: "f:" + name });
    const current = value === undefined || value === null ? (node.default ?? "") : String(value);
    if (node.optional || node.default === undefined) select.append(el("option", { value: "", text: W.not_set }));
    for (const option of node.options) select.append(el("option", { value: option.value, text: option.label }));
    if (current && !node.options.some((o) => o.value === current)) select.append(el("option", { value: current, text: current }));
    select.value = current;
    select.addEventListener("change", () => {
      setAt(path, select.value === "" ? undefined : select.value);
      if (path.length === 1 && path[0] === "kind") refresh(["measures"]);
    });
    return field(node, path, select);
  }

  function monthControl(node, path, value) {
    const name = nameOf(path);
    const match = /^(\d{4})-(\d{1,2})$/.exec(toArabic(typeof value === "string" ? value.trim() : ""));
    const month = el("select", { id: "f:" + name, class: "month" });
    month.append(el("option", { value: "", text: W.not_set }));
    spec.months.forEach((label, i) => month.append(el("option", { value: String(i + 1).padStart(2, "0"), text: label })));
    const year = el("input", { type: "text", inputmode: "numeric", id: "y:" + name, class: "year", autocomplete: "off" });
    if (match) { month.value = match[2].padStart(2, "0"); year.value = match[1]; }
    else if (typeof value === "string") year.value = value;
    const write = () => setAt(path, `${toArabic(year.value.trim())}-${month.value}`);
    month.addEventListener("change", write);
    year.addEventListener("input", write);
    const wrap = el("div", { class: "field month-field", id: "w:" + name },
      el("span", { class: "group-label", id: "l:" + name, text: node.label + (node.required ? " *" : "") }));
    wrap.append(el("div", { class: "pair" },
      el("label", { for: "f:" + name, text: W.month }), month,
      el("label", { for: "y:" + name, text: W.year_be }), year));
    wrap.append(el("div", { class: "msgs", id: "m:" + name }));
    month.setAttribute("aria-describedby", "l:" + name + " m:" + name);
    year.setAttribute("aria-describedby", "l:" + name + " m:" + name);
    return wrap;
  }

  function fieldset(node, path, cls) {
    const name = nameOf(path);
    const set = el("fieldset", { class: "group " + (cls || ""), id: "w:" + name });
    set.append(el("legend", { id: "l:" + name, text: node.label + (node.required ? " *" : "") }));
    if (node.hint) set.append(el("p", { class: "hint", text: node.hint }));
    set.append(el("div", { class: "msgs", id: "m:" + name }));
    return set;
  }

  function listControl(node, path, value) {
    const name = nameOf(path);
    const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    const single = typeof value === "string";
    const set = fieldset(node, path, "textlist");
    const list = el("ol", { class: "items" });
    const write = (next) => {
      let stored = next;
      if (next.length === 1 && single) stored = next[0];
      else if (next.length === 0) stored = value === undefined ? undefined : [];
      setAt(path, stored);
      refresh(path);
    };
    items.forEach((item, i) => {
      const itemPath = [...path, i];
      const id = "f:" + nameOf(itemPath);
      const area = el("textarea", { id, class: "text", rows: 1 });
      area.value = typeof item === "string" ? item : item === null ? "" : JSON.stringify(item);
      area.addEventListener("input", () => {
        autosize(area);
        const next = items.slice();
        next[i] = area.value;
        const stored = next.length === 1 && single ? next[0] : next;
        setAt(path, stored);
      });
      requestAnimationFrame(() => autosize(area));
      const tools = el("div", { class: "tools" },
        el("button", { type: "button", text: W.move_up, disabled: i === 0, "aria-label": `${W.move_up} ${node.label} ${digits(i + 1)}`,
          onclick: () => { const n = items.slice(); [n[i - 1], n[i]] = [n[i], n[i - 1]]; write(n); focusLater("f:" + nameOf([...path, i - 1])); } }),
        el("button", { type: "button", text: W.move_down, disabled: i === items.length - 1, "aria-label": `${W.move_down} ${node.label} ${digits(i + 1)}`,
          onclick: () => { const n = items.slice(); [n[i + 1], n[i]] = [n[i], n[i + 1]]; write(n); focusLater("f:" + nameOf([...path, i + 1])); } }),
        el("button", { type: "button", text: W.remove, "aria-label": `${W.remove} ${node.label} ${digits(i + 1)}`,
          onclick: () => { const n = items.slice(); n.splice(i, 1); write(n); focusLater("f:" + nameOf([...path, Math.max(0, i - 1)]), "add:" + name); } }));
      list.append(el("li", { class: "item-line", id: "w:" + nameOf(itemPath) },
        el("label", { for: id, class: "item-label", text: fmt(W.item_number, { number: digits(i + 1) }) }),
        area, tools, el("div", { class: "msgs", id: "m:" + nameOf(itemPath) })));
      area.setAttribute("aria-describedby", "m:" + nameOf(itemPath));
    });
    set.append(list);
    set.append(el("button", { type: "button", class: "add", id: "add:" + name, text: fmt(W.add_item, { label: node.label }),
      onclick: () => { write([...items, ""]); focusLater("f:" + nameOf([...path, items.length])); } }));
    return set;
  }

  // A union: which of its forms a value has.
  function pick(node, value, ctx) {
    const options = node.options;
    if (typeof value === "string") {
      return options.find((o) => o.match.values && o.match.values.includes(value)) ||
        options.find((o) => o.match.type === "string") || options[0];
    }
    if (isObject(value)) {
      const objects = options.filter((o) => o.match.type === "object");
      return objects.find((o) => o.match.has && o.match.has.every((k) => k in value)) ||
        objects.find((o) => !o.match.has && !!o.match.declared === ctx.declared) ||
        objects.find((o) => !o.match.has) || objects[0];
    }
    if (value === undefined || value === null) {
      return options.find((o) => !o.match.has && o.match.type === "object" && !!o.match.declared === ctx.declared) || options[0];
    }
    return options[0];
  }

  function fiscalBounds() {
    const year = parseInt(toArabic(String(doc.fiscal_year || "")), 10);
    return Number.isFinite(year) ? [`${year - 1}-10`, `${year}-09`] : ["", ""];
  }

  function defaultFor(node, ctx) {
    switch (node.type) {
      case "group": {
        const value = {};
        for (const f of node.fields) if (f.required && f.type !== "const") value[f.key] = defaultFor(f, ctx);
        if (node.fields.some((f) => f.type === "month") && node.fields.length === 2) {
          const [from, to] = fiscalBounds();
          value[node.fields[0].key] = from; value[node.fields[1].key] = to;
        }
        return value;
      }
      case "array": return node.min > 0 ? [defaultFor(node.item, ctx)] : [];
      case "textlist": return node.required ? [""] : [];
      case "union": {
        const option = pick(node, undefined, ctx);
        return option.const !== undefined ? option.const : defaultFor(option.node, ctx);
      }
      case "bool": return "false";
      case "const": return node.value;
      default: return "";
    }
  }

  function switchForm(option, value, ctx) {
    if (option.const !== undefined) return option.const;
    if (option.match.type === "string") return "";
    const fresh = defaultFor(option.node, ctx);
    if (!isObject(value)) return fresh;
    const keys = new Set(option.node.fields.map((f) => f.key));
    const has = option.match.has || [];
    const into = has.find((k) => option.node.fields.find((f) => f.key === k && f.type === "array"));
    if (into && !(into in value)) {       // one row -> a group of rows: the row becomes the first one
      const result = { ...fresh };
      if ("title" in value) result.title = value.title;
      result[into] = [clone(value)];
      return result;
    }
    const from = Object.keys(value).find((k) => Array.isArray(value[k]) && !keys.has(k));
    if (from && isObject(value[from][0])) { // a group of rows -> one row: the first row, under the group's title
      return { ...clone(value[from][0]), ...(value.title !== undefined ? { title: value.title } : {}) };
    }
    for (const key of Object.keys(value)) if (keys.has(key)) fresh[key] = clone(value[key]);
    return fresh;
  }

  function unionControl(node, path, value, ctx, inner) {
    const name = nameOf(path);
    // An item of a list (a measure): its header names it; here only the choice of its form.
    const set = fieldset(inner ? { label: fmt(W.shape, { label: node.label }) } : node, path, "union");
    const chosen = pick(node, value, ctx);
    const radios = el("div", { class: "choices", role: "radiogroup", "aria-labelledby": "l:" + name });
    node.options.forEach((option, i) => {
      if (option.match.declared !== undefined && option.match.declared !== ctx.declared) return;
      if (!option.match.has && option.match.type === "object" && !option.match.declared && ctx.declared &&
          node.options.some((o) => o.match.declared)) return;
      const id = `r:${name}:${i}`;
      const radio = el("input", { type: "radio", name: "r:" + name, id, value: String(i) });
      radio.checked = option === chosen;
      radio.addEventListener("change", () => { setAt(path, switchForm(option, getAt(path), ctx)); refresh(path); });
      radios.append(el("span", { class: "choice" }, radio, el("label", { for: id, text: option.label })));
    });
    set.append(radios);
    if (chosen.const !== undefined) return set;
    if (chosen.match.type === "string") {
      const input = el("input", { type: "text", id: "f:" + name, class: "text", autocomplete: "off",
        list: chosen.node.examples ? "x:" + name : null, "aria-describedby": "m:" + name });
      input.value = typeof value === "string" ? value : "";
      input.addEventListener("input", () => setAt(path, input.value));
      set.append(el("label", { for: "f:" + name, text: chosen.label }), input);
      if (chosen.node.examples) set.append(el("datalist", { id: "x:" + name }, chosen.node.examples.map((e) => el("option", { value: e }))));
    } else {
      set.append(render({ ...chosen.node, required: true }, path, isObject(value) ? value : undefined, ctx, true));
    }
    return set;
  }

  function rowFields(node, value, ctx) {
    if (node.open && ctx.declared) {    // a row of a table with declared columns: one control per column
      const byKey = Object.fromEntries(node.fields.map((f) => [f.key, f]));
      const fields = [byKey.title, byKey.details].filter(Boolean);
      for (const column of doc.columns) {
        if (!isObject(column) || typeof column.key !== "string" || column.key === "title" || column.key === "details") continue;
        const base = spec.columns[column.type] || spec.columns.text;
        fields.push({ ...base, key: column.key, label: column.header || column.key, hint: "" });
      }
      return fields;
    }
    const allowed = spec.row_keys[ctx.kind] || spec.row_keys["measures-report"];
    if (!node.fields.some((f) => f.key === "steps") || !node.fields.some((f) => f.key === "owner")) return node.fields;
    return node.fields.filter((f) => allowed.includes(f.key) || (isObject(value) && f.key in value));
  }

  function groupControl(node, path, value, ctx, inner) {
    const name = nameOf(path);
    if (!isObject(value) && node.optional && !inner) {
      const set = fieldset(node, path, "absent");
      set.append(el("button", { type: "button", class: "add", id: "add:" + name, text: fmt(W.add_part, { label: node.label }),
        onclick: () => { setAt(path, defaultFor(node, ctx)); refresh(path); } }));
      return set;
    }
    const set = inner ? el("div", { class: "inner", id: path.length ? null : "w:" }) : fieldset(node, path);
    const obj = isObject(value) ? value : {};
    const fields = rowFields(node, obj, ctx).filter((f) => f.type !== "const");
    for (const f of fields) set.append(render({ ...f, required: f.required }, [...path, f.key], obj[f.key], ctx));
    const known = new Set([...node.fields.map((f) => f.key), ...(ctx.declared ? doc.columns.map((c) => c && c.key) : [])]);
    for (const key of Object.keys(obj)) {
      if (known.has(key)) continue;
      const keyPath = [...path, key];
      set.append(el("div", { class: "field unknown", id: "w:" + nameOf(keyPath) },
        el("p", { text: fmt(W.unknown_key, { key }) }),
        el("pre", { text: typeof obj[key] === "string" ? obj[key] : JSON.stringify(obj[key], null, 1) }),
        el("button", { type: "button", text: W.remove, "aria-label": `${W.remove} ${key}`, onclick: () => { setAt(keyPath, undefined); refresh(path); } }),
        el("div", { class: "msgs", id: "m:" + nameOf(keyPath) })));
    }
    if (node.optional && !inner) {
      set.append(el("button", { type: "button", class: "remove-part", text: W.remove_part, "aria-label": `${W.remove_part}: ${node.label}`,
        onclick: () => { setAt(path, undefined); refresh(path); } }));
    }
    return set;
  }

  function itemTitle(value) {
    if (isObject(value)) {
      for (const key of ["title", "name", "header", "key"]) if (typeof value[key] === "string" && value[key].trim()) return value[key];
    }
    return W.no_title;
  }

  function arrayControl(node, path, value, ctx) {
    const name = nameOf(path);
    if (!Array.isArray(value) && node.optional) {
      const set = fieldset(node, path, "absent");
      set.append(el("button", { type: "button", class: "add", id: "add:" + name, text: fmt(W.add_part, { label: node.label }),
        onclick: () => { setAt(path, [defaultFor(node.item, ctx)]); open.add(nameOf([...path, 0])); refresh(path); } }));
      return set;
    }
    const items = Array.isArray(value) ? value : [];
    const set = fieldset(node, path, "array");
    const itemLabel = node.item.label;
    const list = el("ol", { class: "records" });
    const write = (next, focusIndex) => {
      setAt(path, next);
      if (path.length === 1 && path[0] === "columns") refresh(["measures"]);
      refresh(path);
      if (focusIndex !== undefined) focusLater("t:" + nameOf([...path, focusIndex]));
    };
    const moveOpen = (a, b) => {
      const na = nameOf([...path, a]), nb = nameOf([...path, b]);
      const oa = open.has(na), ob = open.has(nb);
      open.delete(na); open.delete(nb);
      if (oa) open.add(nb);
      if (ob) open.add(na);
    };
    items.forEach((item, i) => {
      const itemPath = [...path, i];
      const itemName = nameOf(itemPath);
      const shown = open.has(itemName);
      const body = el("div", { class: "record-body", id: "b:" + itemName, hidden: !shown });
      const toggle = el("button", { type: "button", class: "toggle", id: "t:" + itemName, "aria-expanded": shown ? "true" : "false",
        "aria-controls": "b:" + itemName },
        el("span", { class: "number", text: digits(i + 1) + "." }), el("span", { class: "head-title", id: "ht:" + itemName, text: itemTitle(item) }),
        el("span", { class: "badge", id: "bd:" + itemName }));
      toggle.addEventListener("click", () => {
        const now = body.hidden;
        if (now) { open.add(itemName); if (!body.firstChild) body.append(render(node.item, itemPath, getAt(itemPath), context(), true)); }
        else open.delete(itemName);
        body.hidden = !now;
        toggle.setAttribute("aria-expanded", now ? "true" : "false");
        if (now) showProblems();
      });
      const label = `${itemLabel} ${digits(i + 1)}`;
      const tools = el("div", { class: "tools" },
        el("button", { type: "button", text: W.move_up, disabled: i === 0, "aria-label": `${W.move_up}: ${label}`,
          onclick: () => { const n = items.slice(); [n[i - 1], n[i]] = [n[i], n[i - 1]]; moveOpen(i - 1, i); write(n, i - 1); } }),
        el("button", { type: "button", text: W.move_down, disabled: i === items.length - 1, "aria-label": `${W.move_down}: ${label}`,
          onclick: () => { const n = items.slice(); [n[i + 1], n[i]] = [n[i], n[i + 1]]; moveOpen(i, i + 1); write(n, i + 1); } }),
        el("button", { type: "button", text: W.duplicate, "aria-label": `${W.duplicate}: ${label}`,
          onclick: () => { const n = items.slice(); n.splice(i + 1, 0, clone(item)); shiftOpen(path, i + 1, 1); open.add(nameOf([...path, i + 1])); write(n, i + 1); } }),
        el("button", { type: "button", text: W.remove, "aria-label": `${W.remove}: ${label}`,
          onclick: () => { const n = items.slice(); n.splice(i, 1); shiftOpen(path, i, -1); write(n, n.length ? Math.min(i, n.length - 1) : undefined); } }));
      if (shown) body.append(render(node.item, itemPath, item, ctx, true));
      list.append(el("li", { class: "record", id: "rec:" + itemName }, el("div", { class: "record-head" }, toggle, tools), body));
    });
    set.append(list);
    set.append(el("button", { type: "button", class: "add", id: "add:" + name, text: fmt(W.add_item, { label: itemLabel }),
      onclick: () => { open.add(nameOf([...path, items.length])); write([...items, defaultFor(node.item, ctx)], items.length); } }));
    if (node.optional) {
      set.append(el("button", { type: "button", class: "remove-part", text: W.remove_part, "aria-label": `${W.remove_part}: ${node.label}`,
        onclick: () => { setAt(path, undefined); if (path[0] === "columns") refresh(["measures"]); refresh(path); } }));
    }
    return set;
  }

  function shiftOpen(path, from, by) {
    const prefix = nameOf(path) + ".";
    const moved = [...open].filter((n) => n.startsWith(prefix)).map((n) => [n, n.slice(prefix.length).split(".")]);
    for (const [n] of moved) open.delete(n);
    for (const [, parts] of moved) {
      const index = parseInt(parts[0], 10);
      if (by < 0 && index === from) continue;
      parts[0] = String(index >= from ? index + by : index);
      open.add(prefix + parts.join("."));
    }
  }

  function wrongKind(node, path, value) {
    const wrap = field(node, path, null, { cls: "wrong" });
    wrap.append(el("pre", { text: JSON.stringify(value, null, 1) }), el("p", { text: W.wrong_kind }),
      el("button", { type: "button", text: W.remove, "aria-label": `${W.remove}: ${node.label}`, onclick: () => { setAt(path, undefined); refresh(path); } }));
    return wrap;
  }

  const anchors = new Map();   // field name -> the spec node its control (id w:NAME) was drawn from
  function render(node, path, value, ctx, inner = false) {
    const made = draw(node, path, value, ctx, inner);
    if (made.id === "w:" + nameOf(path)) anchors.set(nameOf(path), node);
    return made;
  }

  function draw(node, path, value, ctx, inner) {
    const scalar = ["text", "year", "number", "month", "choice", "bool"].includes(node.type);
    if (scalar && value !== undefined && value !== null && typeof value !== "string") return wrongKind(node, path, value);
    if (node.type === "group" && value !== undefined && value !== null && !isObject(value)) return wrongKind(node, path, value);
    if (node.type === "array" && value !== undefined && value !== null && !Array.isArray(value)) return wrongKind(node, path, value);
    switch (node.type) {
      case "text": return textControl(node, path, value, path[path.length - 1] === "intro");
      case "year": case "number": return textControl(node, path, value);
      case "month": return monthControl(node, path, value);
      case "bool": return boolControl(node, path, value);
      case "choice": return choiceControl(node, path, value);
      case "textlist": return listControl(node, path, value);
      case "group": return groupControl(node, path, value, ctx, inner);
      case "array": return arrayControl(node, path, value, ctx);
      case "union": return unionControl(node, path, value, ctx, inner);
      default: return el("span");
    }
  }

  // The node of the spec at a path, and its labels on the way (for the problem list).
  function walk(path) {
    let node = spec.root, value = doc;
    const labels = [];
    if (!isObject(doc)) return { node: null, labels };
    const ctx = context();
    for (let i = 0; i < path.length && node; i++) {
      const part = path[i];
      if (node.type === "union") {
        const option = pick(node, value, ctx);
        if (!option.node) return { node, labels };
        node = option.node;
      }
      if (node.type === "group") {
        const f = rowFields(node, isObject(value) ? value : {}, ctx).find((x) => x.key === part);
        if (!f) { labels.push(String(part)); return { node: null, labels }; }
        node = f; labels.push(f.label);
      } else if (node.type === "array") {
        node = node.item; labels.push(`${node.label} ${digits(part + 1)}`);
      } else if (node.type === "textlist") {
        labels.push(fmt(W.item_number, { number: digits(part + 1) })); node = null;
      }
      value = value === undefined || value === null ? undefined : value[part];
    }
    return { node, labels };
  }

  function refresh(path) {
    // Draw again the control of `path`, or of the nearest enclosing one on the page (else the whole form).
    for (let p = path.slice(); p.length; p = p.slice(0, -1)) {
      const name = nameOf(p), target = byId("w:" + name);
      if (target && anchors.has(name)) {
        target.replaceWith(render(anchors.get(name), p, getAt(p), context()));
        showProblems();
        return;
      }
    }
    drawForm();
  }

  function drawForm() {
    const editor = byId("editor");
    editor.replaceChildren(render(spec.root, [], doc, context(), true));
    showProblems();
  }

  function updateHeads() {
    for (const head of document.querySelectorAll(".head-title")) {
      const value = getAt(partsOf(head.id.slice(3)));
      head.textContent = itemTitle(value);
    }
  }

  function focusLater(...ids) {
    requestAnimationFrame(() => {
      for (const id of ids) { const target = byId(id); if (target) { target.focus(); return; } }
    });
  }

  // --- problems -----------------------------------------------------------------------------
  function partsOf(name) {
    return name === "" ? [] : name.split(".").map((p) => (/^\d+$/.test(p) ? parseInt(p, 10) : p));
  }

  function placeProblem(problem) {
    const parts = partsOf(problem.field);
    for (let p = parts.slice(); p.length; p = p.slice(0, -1)) {
      const body = byId("b:" + nameOf(p));
      if (body && body.hidden) return;            // inside a closed item: its header's badge says it
      const box = byId("m:" + nameOf(p));
      if (box) {
        box.append(el("p", { class: "msg " + problem.severity }, el("span", { class: "code", text: problem.code }), " ", problem.message));
        const control = byId("f:" + nameOf(p));
        if (control && problem.severity === "error") control.setAttribute("aria-invalid", "true");
        return;
      }
    }
  }

  function showProblems() {
    for (const box of document.querySelectorAll(".msgs")) box.replaceChildren();
    for (const bad of document.querySelectorAll("[aria-invalid]")) bad.removeAttribute("aria-invalid");
    const counts = new Map();
    for (const problem of problems) {
      placeProblem(problem);
      const parts = partsOf(problem.field);
      for (let p = parts.slice(0, -1); p.length; p = p.slice(0, -1)) {
        const name = nameOf(p);
        const [n, error] = counts.get(name) || [0, false];
        counts.set(name, [n + 1, error || problem.severity === "error"]);
      }
    }
    for (const badge of document.querySelectorAll(".badge")) {
      const [n, error] = counts.get(badge.id.slice(3)) || [0, false];
      badge.textContent = n ? "⚠ " + digits(n) : "";
      badge.className = "badge" + (n ? (error ? " error" : " warning") : "");
    }
  }

  function reveal(name) {
    // Open every item on the way to a field, then move to it.
    const parts = partsOf(name);
    for (let i = 1; i <= parts.length; i++) {
      const itemName = nameOf(parts.slice(0, i));
      const toggle = byId("t:" + itemName);
      if (toggle && toggle.getAttribute("aria-expanded") !== "true") toggle.click();
    }
    for (let p = parts.slice(); ; p = p.slice(0, -1)) {
      const wrap = byId("w:" + nameOf(p));
      if (wrap && p.length) {
        const control = byId("f:" + nameOf(p)) || wrap.querySelector("input, textarea, select, button");
        wrap.scrollIntoView({ block: "center" });
        if (control) control.focus({ preventScroll: true });
        return;
      }
      if (p.length === 0) return;
    }
  }

  function listProblems() {
    const list = byId("problem-list");
    list.replaceChildren();
    const errors = problems.filter((p) => p.severity === "error").length;
    byId("problem-count").textContent = problems.length ? fmt(W.errors_warnings, { errors: digits(errors), warnings: digits(problems.length - errors) }) : "";
    if (!problems.length) list.append(el("li", { class: "ok", text: W.no_problems }));
    for (const problem of problems) {
      const where = walk(partsOf(problem.field)).labels.join(" › ");
      const text = `${problem.code ? "[" + problem.code + "] " : ""}${where ? where + ": " : ""}${problem.message}`;
      list.append(el("li", { class: problem.severity },
        el("button", { type: "button", class: "link", onclick: () => reveal(problem.field) },
          el("span", { class: "sev", text: problem.severity === "error" ? W.error : W.warning }), " ", text)));
    }
    const todoList = byId("todo-list");
    todoList.replaceChildren();
    const shown = todos.filter((t) => !doneTodos.has(t.kind + t.text));
    const box = byId("todo-box");
    if (box.hidden && shown.length) box.open = shown.length <= 5;
    box.hidden = shown.length === 0;
    byId("todo-count").textContent = shown.length ? `(${digits(shown.length)})` : "";
    for (const item of shown) {
      const where = walk(partsOf(item.field)).labels.join(" › ");
      const id = "todo:" + item.line;
      const box = el("input", { type: "checkbox", id });
      box.addEventListener("change", () => {
        if (typeof item.review === "number" && Array.isArray(doc.review) && !readOnly) {
          // checked: the item leaves review: (validate stops warning once the file is saved)
          setAt(["review", item.review], undefined);
          if (!doc.review.length) delete doc.review;
          todos = todos.filter((t) => t !== item);
          for (const t of todos) if (typeof t.review === "number" && t.review > item.review) t.review -= 1;
          drawForm();
        } else doneTodos.add(item.kind + item.text);
        listProblems();
      });
      todoList.append(el("li", {},
        el("button", { type: "button", class: "link", onclick: () => reveal(item.field) },
          `${item.kind === "placeholder" ? W.todo_placeholder : W.todo_leftover}: ${where ? where + ": " : ""}${item.text}`),
        el("span", { class: "done" }, box, el("label", { for: id, text: W.checked }))));
    }
  }

  // --- checking and the preview ---------------------------------------------------------------
  function edited() {
    updateSaveState();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, DEBOUNCE_MS);
  }

  let checking = false, again = false;
  async function check() {
    // One check at a time: edits made while one runs are checked when it returns (a large file).
    if (checking) { again = true; return; }
    checking = true;
    const seq = ++checkSeq;
    try {
      const { status, data } = await api("/api/check", { data: doc });
      if (seq >= shownSeq && status === 200 && mode === "form") { shownSeq = seq; applyCheck(data); }
    } finally {
      checking = false;
      if (again) { again = false; check(); }
    }
  }

  function applyCheck(result) {
    problems = result.problems || [];
    todos = result.todo || [];
    listProblems();
    showProblems();
    byId("preview-stale").hidden = !!result.valid;
    if (result.preview !== previewId) loadPreview(result.preview);
  }

  function loadPreview(id) {
    previewId = id;
    const frame = byId("preview");
    let x = 0, y = 0;
    try { x = frame.contentWindow.scrollX; y = frame.contentWindow.scrollY; } catch (e) { /* not loaded yet */ }
    frame.addEventListener("load", () => {
      try { frame.contentWindow.scrollTo(x, y); } catch (e) { /* sandboxed */ }
      frame.dataset.version = String(id);
    }, { once: true });
    frame.src = "/preview?v=" + id;
  }

  function showRowOf(target) {
    // The preview follows the form: a field of measure i (activity k) scrolls its table row into view.
    const found = /^[fyrt]:measures\.(\d+)(?:\.activities\.(\d+))?/.exec(target.id || "");
    if (!found || !Array.isArray(doc && doc.measures)) return;
    let row = 0;
    for (let i = 0; i < parseInt(found[1], 10); i++) {
      const m = doc.measures[i];
      row += isObject(m) && Array.isArray(m.activities) ? m.activities.length : 1;
    }
    row += found[2] ? parseInt(found[2], 10) : 0;
    try {
      const frame = byId("preview").contentWindow;
      const rows = frame.document.querySelectorAll("main > table > tbody > tr");
      if (rows[row]) frame.scrollTo(0, rows[row].getBoundingClientRect().top + frame.scrollY - 40);
    } catch (e) { /* a template of the agency's own may draw no such table */ }
  }

  function fitSheet() {
    const sheet = byId("sheet"), frame = byId("preview");
    const scale = sheet.clientWidth / PAGE_WIDTH_PX;
    frame.style.width = PAGE_WIDTH_PX + "px";
    frame.style.height = sheet.clientHeight / scale + "px";
    frame.style.transform = `scale(${scale})`;
  }

  // --- saving -----------------------------------------------------------------------------------
  function updateSaveState(text) {
    const state = byId("save-state");
    if (text) { state.textContent = text; return; }
    state.textContent = mode !== "form" ? "" : readOnly ? W.read_only : dirty() ? W.unsaved : W.saved;
    state.className = "save-state" + (dirty() ? " dirty" : "");
  }

  function notice(text, kind = "info", extra = []) {
    const box = byId("notice");
    box.replaceChildren(el("p", { text }), ...extra);
    box.className = "notice " + kind;
    box.hidden = false;
  }
  const clearNotice = () => { byId("notice").hidden = true; };

  async function save() {
    if (mode === "text") return saveText();
    if (mode !== "form") return false;
    updateSaveState(W.saving);
    const { status, data } = await api("/api/save", { data: doc, version });
    if (status === 200) {
      version = data.version;
      savedJSON = JSON.stringify(doc);
      updateSaveState();
      const diff = data.diff || "";
      notice(diff ? W.saved : W.nothing_changed, "ok",
        diff ? [el("details", {}, el("summary", { text: W.saved_diff }), el("pre", { class: "diff", text: diff }))] : []);
      return true;
    }
    updateSaveState();
    if (status === 409) showConflict(data, W.save_conflict);
    else notice(data.message || String(status), "error");
    return false;
  }

  function showConflict(data, message) {
    const buttons = el("div", { class: "choices-row" },
      el("button", { type: "button", text: W.take_disk, onclick: () => { clearNotice(); start(data.disk); } }),
      el("button", { type: "button", text: W.keep_mine, onclick: async () => { version = data.disk.version; clearNotice(); await save(); } }));
    if (data.merged) {
      buttons.append(el("button", { type: "button", class: "primary", text: W.combine, onclick: () => {
        doc = data.merged; version = data.disk.version; savedJSON = JSON.stringify(data.disk.data);
        clearNotice(); drawForm(); edited();
      } }));
    }
    const extra = [buttons];
    if (data.conflicts && data.conflicts.length) {
      extra.push(el("p", { text: fmt(W.conflict_places, { places: data.conflicts.map((c) => walk(partsOf(c.path)).labels.join(" › ")).join("; ") }) }));
    }
    extra.push(el("p", { text: W.mine_diff }), el("pre", { class: "diff", text: data.diff || "" }));
    notice(message, "error", extra);
  }

  // --- the text view (the file does not load), a missing file --------------------------------------
  function caretLines(text, list) {
    const lines = text.split("\n");
    return list.filter((p) => p.line).map((p) => {
      const line = lines[p.line - 1] ?? "";
      return `${fmt(W.line_number, { number: p.line })}: ${line}\n${" ".repeat(String(fmt(W.line_number, { number: p.line })).length + 2 + Math.max(0, p.col - 1))}^ ${p.code ? "[" + p.code + "] " : ""}${p.message}`;
    }).join("\n\n");
  }

  function drawText(state) {
    mode = "text";
    const area = el("textarea", { id: "text-view", class: "code", spellcheck: "false", "aria-describedby": "text-help text-problems" });
    area.value = state.text || "";
    const shown = el("pre", { id: "text-problems", class: "carets", text: caretLines(area.value, state.problems || []) });
    let timer = null;
    area.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const { data } = await api("/api/check-text", { text: area.value });
        shown.textContent = caretLines(area.value, data.problems || []);
        problems = data.problems || []; todos = []; listProblems();
      }, DEBOUNCE_MS);
    });
    byId("editor").replaceChildren(el("section", { class: "text-mode" },
      el("p", { id: "text-help", class: "warning-text", text: W.text_mode }), shown,
      el("label", { for: "text-view", text: W.text_label }), area,
      el("div", { class: "choices-row" },
        el("button", { type: "button", text: W.check, onclick: () => area.dispatchEvent(new Event("input")) }),
        el("button", { type: "button", class: "primary", text: W.save_text, onclick: saveText }))));
    problems = state.problems || []; todos = [];
    listProblems();
  }

  async function saveText() {
    const area = byId("text-view");
    const { status, data } = await api("/api/save-text", { text: area.value, version });
    if (status === 200) { clearNotice(); start(data); return true; }
    notice(data.message || String(status), "error");
    return false;
  }

  function drawMissing(state) {
    mode = "missing";
    const kind = el("select", { id: "new-kind" }, state.kinds.map((k) =>
      el("option", { value: k, text: k === "columns" ? W.columns_kind : (spec.root.fields.find((f) => f.key === "kind")?.options.find((o) => o.value === k)?.label || k) })));
    const agency = el("input", { type: "text", id: "new-agency", class: "text", autocomplete: "organization" });
    const year = el("input", { type: "text", id: "new-year", class: "text", inputmode: "numeric", value: String(state.year) });
    const message = el("div", { class: "msgs", id: "m:new", role: "alert" });
    byId("editor").replaceChildren(el("section", { class: "missing" },
      el("p", { text: fmt(W.missing, { file: state.file }) }),
      el("div", { class: "field" }, el("label", { for: "new-kind", text: W.kind }), kind),
      el("div", { class: "field" }, el("label", { for: "new-agency", text: W.agency }), agency),
      el("div", { class: "field" }, el("label", { for: "new-year", text: W.fiscal_year }), year),
      message,
      el("button", { type: "button", class: "primary", text: W.create, onclick: async () => {
        const { status, data } = await api("/api/create", { kind: kind.value, agency: agency.value, year: year.value });
        if (status === 200) start(data); else message.replaceChildren(el("p", { class: "msg error", text: data.message }));
      } })));
  }

  // --- building ---------------------------------------------------------------------------------
  async function build(format, button) {
    if (dirty() && !(await save())) return;
    const results = byId("build-results");
    const label = button.textContent;
    const started = Date.now();
    const progress = el("progress", { "aria-label": fmt(W.making, { format: label }) });
    const seconds = el("span", { class: "seconds" });
    const row = el("li", { class: "building" }, el("span", { text: fmt(W.making, { format: label }) }), progress, seconds);
    results.prepend(row);
    const tick = setInterval(() => { seconds.textContent = fmt(W.seconds, { seconds: digits(Math.round((Date.now() - started) / 1000)) }); }, 500);
    button.disabled = true;
    try {
      const { data } = await api("/api/build", { format });
      if (data.ok) {
        row.replaceChildren(...data.outputs.map((name) => el("span", {}, fmt(W.made, { name }), " ",
          el("a", { href: "/output/" + encodeURIComponent(name), target: "_blank", rel: "noopener", text: fmt(W.open, { name }) }))));
        row.className = "made";
      } else {
        row.replaceChildren(el("p", { class: "msg error", text: fmt(W.not_made, { format: label }) + ": " + (data.error || data.message || "") }),
          ...(data.problems || []).map((p) => el("p", { class: "msg " + p.severity, text: p.text })));
        row.className = "failed";
      }
    } finally {
      clearInterval(tick);
      button.disabled = false;
    }
  }

  // --- starting, events ---------------------------------------------------------------------------
  function start(state) {
    if (state.spec) spec = state.spec;
    readOnly = !!state.read_only;
    version = state.version || null;
    byId("preview-stale").hidden = true;
    if (state.mode === "form") {
      mode = "form";
      doc = state.data;
      savedJSON = JSON.stringify(doc);
      if (open.size === 0) {
        const measures = Array.isArray(doc.measures) ? doc.measures : [];
        if (measures.length <= 12) measures.forEach((_m, i) => open.add("measures." + i));
        (Array.isArray(doc.signers) ? doc.signers : []).forEach((_s, i) => open.add("signers." + i));
      }
      drawForm();
      applyCheck(state);
    } else if (state.mode === "text") {
      doc = null;
      drawText(state);
    } else if (state.mode === "missing") {
      doc = null;
      drawMissing(state);
    } else {
      doc = null;
      byId("editor").replaceChildren(el("p", { class: "msg error", text: W.unreadable + " " + (state.message || "") }));
    }
    byId("build-box").hidden = mode !== "form";
    byId("save").hidden = mode === "missing";
    byId("problems").hidden = mode === "missing";
    updateSaveState();
  }

  function listen() {
    const events = new EventSource("/events");
    let failures = 0;
    events.addEventListener("open", () => { failures = 0; });
    events.addEventListener("error", () => { if (++failures >= 2) notice(W.disconnected, "error"); });
    events.addEventListener("disk", async (event) => {
      const state = JSON.parse(event.data);
      if (!dirty()) { start(state); notice(W.disk_reloaded, "info"); return; }
      const { data } = await api("/api/conflict", { data: doc, version });
      showConflict(data, W.disk_conflict);
    });
  }

  async function main() {
    const { status, data } = await api("/api/state");
    if (status !== 200) { document.body.textContent = data.message || String(status); return; }
    W = data.words; lang = data.lang;
    start(data);
    byId("save").addEventListener("click", save);
    document.addEventListener("keydown", (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") { event.preventDefault(); save(); }
    });
    for (const button of document.querySelectorAll(".build-buttons button")) {
      button.addEventListener("click", () => build(button.dataset.format, button));
    }
    window.addEventListener("beforeunload", (event) => { if (dirty()) { event.preventDefault(); event.returnValue = W.leave; } });
    byId("editor").addEventListener("focusin", (event) => showRowOf(event.target));
    new ResizeObserver(fitSheet).observe(byId("sheet"));
    fitSheet();
    listen();
  }

  document.addEventListener("DOMContentLoaded", main);
})();
