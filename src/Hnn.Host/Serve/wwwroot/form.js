// A form generated from the experiment file's JSON Schema (schema/experiment.schema.json).
// It edits a plain object: an empty field is a key left out (the reader's default applies), so
// the JSON it produces holds only what the user gave. Every field carries data-path, the JSON
// path the reader's error messages use ($.drives[1].mu), so an error can be shown in place.

let uid = 0;
const nextId = () => `f${++uid}`;

export class SchemaForm {
  constructor(container, schema, onChange) {
    this.container = container;
    this.schema = schema;
    this.onChange = onChange;
    this.value = {};
  }

  /** Overrides the model list with the server's (GET /api/models). */
  setModels(names) {
    if (names?.length) this.schema.$defs.network.properties.model.enum = names;
    this.render();
  }

  setValue(value) { this.value = value; this.render(); }

  render() {
    const focused = document.activeElement?.closest?.("[data-path]")?.dataset.path;
    const open = new Set([...this.container.querySelectorAll("details.more[open]")].map((d) => d.parentElement.closest("[data-path]")?.dataset.path ?? "$"));
    this.container.replaceChildren(this.object(this.schema, this.value, "$", true));
    for (const d of this.container.querySelectorAll("details.more")) if (open.has(d.parentElement.closest("[data-path]")?.dataset.path ?? "$")) d.open = true;
    if (focused) this.container.querySelector(`[data-path="${CSS.escape(focused)}"] :is(input,select,textarea)`)?.focus();
  }

  changed(structural = false) {
    if (structural) this.render();
    this.onChange(this.value);
  }

  resolve(node) {
    while (node?.$ref) {
      const target = node.$ref.replace(/^#\//, "").split("/").reduce((o, k) => o[k], this.schema);
      const { $ref, ...rest } = node;
      node = { ...target, ...rest };
    }
    return node ?? {};
  }

  /** An object with properties: one field per property, in the schema's order. */
  object(node, obj, path, top = false) {
    node = this.resolve(node);
    const box = document.createElement("div");
    box.className = top ? "form-root" : "form-object";
    // keys the object has and the required ones first; the rest (defaults) folded under "more"
    const more = document.createElement("details");
    more.className = "more";
    const summary = document.createElement("summary");
    more.append(summary);
    let folded = 0;
    for (const [key, sub] of Object.entries(node.properties ?? {})) {
      if (key === "type" && this.resolve(sub).const !== undefined) continue; // chosen by the branch selector
      const required = (node.required ?? []).includes(key);
      const field = this.field(key, sub, obj, `${path}.${key}`, required);
      if (required || (obj && key in obj)) box.append(field);
      else { more.append(field); folded++; }
    }
    summary.textContent = `${folded} more (defaults)`;
    if (folded) box.append(more);
    return box;
  }

  /** One labelled field for obj[key]. */
  field(key, sub, obj, path, required) {
    const node = this.resolve(sub);
    const wrap = document.createElement("div");
    wrap.className = "field";
    wrap.dataset.path = path;
    const id = nextId();
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = key + (required ? " *" : "");
    label.title = node.description ?? "";
    wrap.append(label);
    const set = (v) => { if (v === undefined) delete obj[key]; else obj[key] = v; };
    const control = this.control(node, obj[key], set, path, id, key, required);
    wrap.append(control);
    if (control.classList.contains("wide")) wrap.classList.add("wide");
    if (node.description) {
      const hint = document.createElement("small");
      hint.textContent = node.description;
      wrap.append(hint);
    }
    return wrap;
  }

  control(node, value, set, path, id, key, required) {
    const types = [].concat(node.type ?? []);
    if (node.oneOf) return this.union(node, value, set, path, id);
    if (node.enum) return this.select(node, value, set, id, required);
    if (types.includes("object") && node.properties) return this.nested(node, value, set, path, id, key, required);
    if (types.includes("object") && node.propertyNames) return this.perType(node, value, set, path, id);
    if (types.includes("array") && node.prefixItems) return this.tuple(node, value, set, path, id);
    if (types.includes("array") && this.isObjectList(node)) return this.list(node, value, set, path, id, key);
    if (types.includes("boolean")) return this.boolean(node, value, set, id);
    if (types.includes("number") || types.includes("integer")) return this.number(node, value, set, id);
    if (types.includes("string") && types.length === 1) return this.text(node, value, set, id);
    return this.json(node, value, set, id);
  }

  isObjectList(node) {
    const item = this.resolve(node.items);
    return Boolean(item.properties || item.oneOf?.every((b) => this.resolve(b).properties));
  }

  number(node, value, set, id) {
    const input = document.createElement("input");
    input.type = "number";
    input.step = [].concat(node.type).includes("integer") ? "1" : "any";
    input.id = id;
    input.value = typeof value === "number" ? String(value) : "";
    input.placeholder = placeholder(node);
    input.addEventListener("input", () => {
      set(input.value === "" ? undefined : Number(input.value));
      this.changed();
    });
    return input;
  }

  text(node, value, set, id) {
    const input = document.createElement("input");
    input.type = "text";
    input.id = id;
    input.value = value ?? "";
    input.placeholder = placeholder(node);
    if (node.examples) {
      const list = document.createElement("datalist");
      list.id = `${id}-list`;
      for (const e of node.examples) list.append(new Option(e));
      input.setAttribute("list", list.id);
      const span = document.createElement("span");
      span.append(input, list);
      input.addEventListener("input", () => { set(input.value === "" ? undefined : input.value); this.changed(); });
      return span;
    }
    input.addEventListener("input", () => { set(input.value === "" ? undefined : input.value); this.changed(); });
    return input;
  }

  boolean(node, value, set, id) {
    const select = document.createElement("select");
    select.id = id;
    select.append(new Option(`(default: ${node.default})`, ""), new Option("true", "true"), new Option("false", "false"));
    select.value = value === true ? "true" : value === false ? "false" : "";
    select.addEventListener("change", () => { set(select.value === "" ? undefined : select.value === "true"); this.changed(); });
    return select;
  }

  select(node, value, set, id, required) {
    const select = document.createElement("select");
    select.id = id;
    const options = node.enum;
    if (!required || value === undefined) select.append(new Option(node.default !== undefined ? `(default: ${JSON.stringify(node.default)})` : "(choose)", ""));
    options.forEach((o, i) => select.append(new Option(o === null ? "null" : String(o), String(i))));
    const at = options.findIndex((o) => o === value);
    select.value = at >= 0 ? String(at) : "";
    select.addEventListener("change", () => { set(select.value === "" ? undefined : options[Number(select.value)]); this.changed(); });
    return select;
  }

  /** A fixed-length array such as mesh_shape [n_x, n_y]. */
  tuple(node, value, set, path, id) {
    const span = document.createElement("span");
    span.className = "tuple";
    const items = node.prefixItems.map((p) => this.resolve(p));
    const current = Array.isArray(value) ? [...value] : [];
    items.forEach((item, i) => {
      const input = document.createElement("input");
      input.type = "number";
      input.step = item.type === "integer" ? "1" : "any";
      if (i === 0) input.id = id;
      input.setAttribute("aria-label", item.title ?? `${i}`);
      input.dataset.path = `${path}[${i}]`;
      input.value = current[i] ?? "";
      input.placeholder = node.default?.[i] ?? item.title ?? "";
      input.addEventListener("input", () => {
        current[i] = input.value === "" ? undefined : Number(input.value);
        set(current.every((v) => v === undefined) ? undefined : current.map((v, k) => v ?? node.default?.[k] ?? 0));
        this.changed();
      });
      span.append(input);
    });
    return span;
  }

  /** A dict cell type → number: one input per cell type; an empty one leaves that type out. */
  perType(node, value, set, path, id) {
    const grid = document.createElement("div");
    grid.className = "per-type wide";
    const names = this.resolve(node.propertyNames).enum ?? [];
    const obj = value && typeof value === "object" ? { ...value } : {};
    names.forEach((name, i) => {
      const cell = document.createElement("label");
      cell.dataset.path = `${path}.${name}`;
      const input = document.createElement("input");
      input.type = "number";
      input.step = "any";
      if (i === 0) input.id = id;
      input.value = typeof obj[name] === "number" ? String(obj[name]) : "";
      input.addEventListener("input", () => {
        if (input.value === "") delete obj[name]; else obj[name] = Number(input.value);
        set(Object.keys(obj).length ? { ...obj } : undefined);
        this.changed();
      });
      cell.append(name, input);
      grid.append(cell);
    });
    return grid;
  }

  /** oneOf: a choice of form (one number or per cell type, n_cells or a number, a drive's type). */
  union(node, value, set, path, id) {
    const branches = node.oneOf.map((b) => this.resolve(b));
    const box = document.createElement("div");
    box.className = "union";
    const select = document.createElement("select");
    select.id = id;
    select.setAttribute("aria-label", `${path.split(".").pop()}: form of the value`);
    if (value === undefined) select.append(new Option(node.default !== undefined ? `(default: ${JSON.stringify(node.default)})` : "(choose)", ""));
    branches.forEach((b, i) => select.append(new Option(b.title ?? b.const ?? [].concat(b.type).join("/"), String(i))));
    const at = value === undefined ? -1 : branches.findIndex((b) => this.matches(b, value));
    select.value = at >= 0 ? String(at) : "";
    box.append(select);
    if (at >= 0 && branches[at].const === undefined) {
      const branch = branches[at];
      if (branch.properties) {
        box.append(this.object(branch, value, path));
      } else {
        const inner = this.control({ ...branch, default: node.default }, value, set, path, nextId(), "", true);
        for (const el of [inner, ...inner.querySelectorAll("input, select, textarea")])
          if (el.matches?.("input, select, textarea") && !el.closest("label") && !el.getAttribute("aria-label")) el.setAttribute("aria-label", `${path.split(".").pop()} (${branch.title ?? "value"})`);
        box.append(inner);
      }
      if (branch.properties || box.lastChild.classList.contains("wide")) box.classList.add("wide");
    }
    select.addEventListener("change", () => {
      const b = branches[Number(select.value)];
      set(select.value === "" ? undefined : initial(b, value, node.default));
      this.changed(true);
    });
    return box;
  }

  matches(branch, value) {
    if (branch.const !== undefined) return value === branch.const;
    if (branch.properties?.type?.const !== undefined) return value?.type === branch.properties.type.const;
    const types = [].concat(branch.type ?? []);
    const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;
    return types.includes(kind) || (kind === "integer" && types.includes("number"));
  }

  /** An optional object (postproc, spectra, record): absent until "add" is pressed. */
  nested(node, value, set, path, id, key, required) {
    const box = document.createElement("div");
    if (value && typeof value === "object") box.className = "wide";
    if (value && typeof value === "object") {
      box.append(this.object(node, value, path));
      if (!required) box.append(button(`remove ${key}`, () => { set(undefined); this.changed(true); }, id));
    } else {
      box.append(button(`add ${key}`, () => { set({}); this.changed(true); }, id));
    }
    return box;
  }

  /** An array of objects (drives, tonic_biases, connections): a card per item, add and remove. */
  list(node, value, set, path, id, key) {
    const box = document.createElement("div");
    box.className = "list wide";
    const items = Array.isArray(value) ? value : [];
    const itemNode = this.resolve(node.items);
    items.forEach((item, i) => {
      const card = document.createElement("fieldset");
      card.className = "card";
      card.dataset.path = `${path}[${i}]`;
      const legend = document.createElement("legend");
      legend.textContent = `${key}[${i}]${item?.name ? ` · ${item.name}` : item?.bias_name ? ` · ${item.bias_name}` : ""}`;
      card.append(legend);
      if (itemNode.oneOf) {
        const kind = document.createElement("div");
        kind.className = "field";
        kind.dataset.path = `${path}[${i}]`;
        const kindId = nextId();
        const label = document.createElement("label");
        label.htmlFor = kindId;
        label.textContent = "type *";
        label.className = "visually-hidden";
        kind.classList.add("wide", "kind");
        kind.append(label, this.union(itemNode, item, (v) => { items[i] = v; }, `${path}[${i}]`, kindId));
        card.append(kind);
      } else {
        card.append(this.object(itemNode, item, `${path}[${i}]`));
      }
      card.append(button("remove", () => { items.splice(i, 1); set(items.length ? items : undefined); this.changed(true); }));
      box.append(card);
    });
    if (itemNode.oneOf) {
      const select = document.createElement("select");
      select.id = id;
      select.setAttribute("aria-label", `kind of new ${key}`);
      itemNode.oneOf.forEach((b, i) => select.append(new Option(this.resolve(b).title, String(i))));
      box.append(select, button(`add ${key.replace(/s$/, "")}`, () => {
        const b = this.resolve(itemNode.oneOf[Number(select.value)]);
        items.push(initial(b, undefined, undefined, items.length));
        set(items);
        this.changed(true);
      }));
    } else {
      box.append(button(`add ${key.replace(/s$/, "")}`, () => { items.push(initial(itemNode)); set(items); this.changed(true); }, id));
    }
    return box;
  }

  /** Anything the widgets above do not cover: the value as JSON. */
  json(node, value, set, id) {
    const area = document.createElement("textarea");
    area.id = id;
    area.rows = 2;
    area.className = "json-field wide";
    area.value = value === undefined ? "" : JSON.stringify(value);
    area.placeholder = placeholder(node);
    area.addEventListener("input", () => {
      try {
        set(area.value.trim() === "" ? undefined : JSON.parse(area.value));
        area.classList.remove("invalid");
        this.changed();
      } catch { area.classList.add("invalid"); }
    });
    return area;
  }

  /** Marks the field the error's JSON path names (or its nearest enclosing one); returns it. */
  highlight(path) {
    this.clearHighlight();
    if (!path) return null;
    let best = null;
    for (const el of this.container.querySelectorAll("[data-path]")) {
      const p = el.dataset.path;
      if ((path === p || path.startsWith(p + ".") || path.startsWith(p + "[")) && (!best || p.length > best.dataset.path.length)) best = el;
    }
    if (best) {
      best.classList.add("error-field");
      best.closest("details")?.setAttribute("open", "");
      best.scrollIntoView({ block: "center", behavior: "instant" });
    }
    return best;
  }

  clearHighlight() {
    for (const el of this.container.querySelectorAll(".error-field")) el.classList.remove("error-field");
  }
}

/** The JSON path an error message of the reader starts with: "$.drives[0] ('evdist1'): sigma = -1 …" → $.drives[0].sigma. */
export function errorPath(message) {
  const m = /^(\$[^\s:]*)(?: \('[^']*'\))?:\s*(?:([A-Za-z_][A-Za-z0-9_]*) = )?/.exec(message ?? "");
  if (!m) return null;
  return m[2] ? `${m[1]}.${m[2]}` : m[1];
}

function placeholder(node) {
  if (node.default === undefined) return "";
  return node.default === null ? "(none)" : `${JSON.stringify(node.default)}`;
}

function button(text, onClick, id) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  if (id) b.id = id;
  b.addEventListener("click", onClick);
  return b;
}

/** A starting value for a newly chosen branch, keeping what carries over (a drive's name and targets). */
function initial(branch, previous, fallback, index = 0) {
  if (branch.const !== undefined) return branch.const;
  if (branch.properties) {
    const type = branch.properties.type?.const;
    const keep = previous && typeof previous === "object" ? previous : {};
    const out = type ? { type, name: keep.name ?? `${type}${index + 1}`, location: keep.location ?? "proximal" } : {};
    for (const k of ["weights_ampa", "weights_nmda", "synaptic_delays"]) if (k in keep && branch.properties[k]) out[k] = keep[k];
    for (const k of branch.required ?? []) if (!(k in out) && branch.properties[k]?.type === "number") out[k] = 0;
    if (type === "evoked") Object.assign(out, { mu: keep.mu ?? 50, sigma: keep.sigma ?? 2, numspikes: keep.numspikes ?? 1 });
    if (type === "poisson" && !("rate_constant" in out)) out.rate_constant = 10;
    if (type === "bursty" && !("burst_rate" in out)) out.burst_rate = 10;
    if (type === "spike_train") out.spike_data = [];
    if (type && !out.weights_ampa) out.weights_ampa = { L5_pyramidal: 0.01 };
    return out;
  }
  const types = [].concat(branch.type ?? []);
  if (types.includes("object")) return typeof previous === "number" ? { L5_pyramidal: previous } : {};
  if (types.includes("array")) return [];
  if (types.includes("number") || types.includes("integer")) return typeof fallback === "number" ? fallback : branch.minimum ?? 0;
  if (types.includes("string")) return "";
  return null;
}
