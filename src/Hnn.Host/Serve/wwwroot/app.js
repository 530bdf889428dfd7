// The workbench page: the experiment (form and JSON side by side), the live run (raster,
// dipole, progress), and the runs list, comparison and sweep below. Counters for tests are on
// document.body.dataset: spikesDrawn, dipoleSamples, runStatus, runId.
import { api, staticJson } from "./api.js";
import { Raster } from "./raster.js";
import { DipolePlot } from "./dipole.js";
import { SchemaForm, errorPath } from "./form.js";
import { RunsList } from "./runs.js";
import { Compare } from "./compare.js";
import { SweepPanel } from "./sweep.js";

const $ = (sel) => document.querySelector(sel);
const body = document.body.dataset;

const raster = new Raster($("#raster"));
const dipole = new DipolePlot($("#dipole"));
raster.drawn = () => { body.spikesDrawn = raster.count; };
dipole.drawn = () => { body.dipoleSamples = dipole.samples; };
raster.reset(170, {});
dipole.reset(170);
raster.emptyText = dipole.emptyText = "no run shown yet: press Run, or open a run below";
body.spikesDrawn = 0;
body.dipoleSamples = 0;
body.runStatus = "idle";

const jsonArea = $("#json");
const errorBox = $("#error");
let form;
let live = null; // {id, source, trial}

function showError(message) {
  errorBox.textContent = message ?? "";
  errorBox.hidden = !message;
  const field = message ? form?.highlight(errorPath(message)) : (form?.clearHighlight(), null);
  if (field) body.errorPath = field.dataset.path;
  else delete body.errorPath;
}

function setStatus(status, detail = "") {
  body.runStatus = status;
  const el = $("#status");
  el.dataset.status = status;
  el.textContent = detail ? `${status} · ${detail}` : status;
  $("#cancel-button").disabled = !(status === "queued" || status === "running");
}

// ---- the experiment: form ⇄ JSON
function syncFromJson() {
  try {
    const value = JSON.parse(jsonArea.value);
    jsonArea.classList.remove("invalid");
    form.setValue(value);
  } catch {
    jsonArea.classList.add("invalid"); // comments or a typo: the text is sent as it stands
  }
}

/** JSON with two-space indents, short arrays and objects kept on one line (as the examples are written). */
export function pretty(value, indent = "") {
  const flat = JSON.stringify(value);
  if (flat === undefined || flat.length + indent.length <= 64 || value === null || typeof value !== "object") return flat;
  const inner = indent + "  ";
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + pretty(v, inner)).join(",\n")}\n${indent}]`;
  return `{\n${Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(",\n")}\n${indent}}`;
}

function syncToJson(value) {
  jsonArea.value = pretty(value);
  jsonArea.classList.remove("invalid");
}

// ---- the live run
async function run() {
  showError("");
  $("#run-button").disabled = true;
  try {
    const { id } = await api.submit(jsonArea.value);
    watch(id);
    runs.refresh();
  } catch (e) {
    showError(e.message);
    setStatus("refused", `${e.status ?? ""}`);
  } finally {
    $("#run-button").disabled = false;
  }
}

function watch(id) {
  live?.source.close();
  $("#trial").hidden = true;
  body.runId = id;
  setStatus("queued", id);
  $("#progress").value = 0;
  $("#run-id").textContent = id;
  const source = api.events(id);
  live = { id, source, trial: 0, tstop: 0, ranges: {}, trials: 1 };
  const data = (e) => JSON.parse(e.data);
  source.addEventListener("start", (e) => {
    const d = data(e);
    Object.assign(live, { tstop: d.tstop, ranges: d.gid_ranges ?? {}, trials: d.n_trials ?? 1, trial: 0 });
    raster.reset(d.tstop, live.ranges);
    dipole.reset(d.tstop);
    setDipoleCaption("live: raw, before postproc");
    setStatus("running", id);
  });
  const follow = (trial) => {
    // a later trial starts: show it from its beginning
    if ((trial ?? 0) > live.trial) {
      live.trial = trial;
      raster.reset(live.tstop, live.ranges);
      dipole.reset(live.tstop);
    }
    return (trial ?? 0) === live.trial;
  };
  source.addEventListener("spikes", (e) => {
    const d = data(e);
    if (body.runStatus !== "running") setStatus("running", id);
    if (follow(d.trial)) raster.add(d.times, d.gids);
  });
  source.addEventListener("dipole", (e) => {
    const d = data(e);
    if (follow(d.trial)) dipole.addSamples(d);
  });
  source.addEventListener("progress", (e) => {
    const p = data(e);
    $("#progress").value = p.fraction ?? 0;
    const trial = p.trials > 1 ? `trial ${(p.trial ?? 0) + 1}/${p.trials} · ` : "";
    setStatus("running", `${trial}${fmt(p.simulated_ms)} / ${fmt(p.tstop)} ms`);
  });
  source.addEventListener("status", async (e) => {
    const s = data(e);
    source.close();
    setStatus(s.status, s.error ?? `${live.trials > 1 ? `${live.trials} trials, ` : ""}trial 0 shown`);
    if (s.error) showError(s.error);
    if (s.status === "done") {
      $("#progress").value = 1;
      try {
        setTrials(id, live.trials);
        await showResult(id, 0); // the stored result: dipoles after the experiment's postproc
      } catch (err) {
        showError(`${id}: ${err.message}`);
      }
    }
    runs.refresh();
  });
  source.onerror = async () => {
    if (source.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
    try {
      const r = await api.run(id);
      setStatus(r.status, r.error ?? id);
    } catch (err) {
      setStatus("unknown", err.message);
    }
  };
}

async function cancel() {
  if (!live) return;
  try {
    await api.cancel(live.id);
  } catch (e) {
    showError(e.message);
  }
}

/** Draws a finished run's trial from GET /api/runs/{id}/result. */
/** The trial selector of a finished run with several trials. */
function setTrials(id, n, shown = 0) {
  const select = $("#trial");
  select.hidden = !(n > 1);
  select.replaceChildren(...Array.from({ length: n > 1 ? n : 0 }, (_, k) => new Option(`trial ${k}`, String(k))));
  select.value = String(shown);
  select.onchange = () => showResult(id, Number(select.value)).catch((e) => showError(e.message));
}

async function showResult(id, trial) {
  const r = await api.result(id, trial);
  $("#status").textContent = `${body.runStatus} · ${r.spikes.times.length} spikes, trial ${trial}`;
  raster.reset(r.tstop, r.gid_ranges ?? {});
  raster.add(r.spikes.times, r.spikes.gids);
  dipole.reset(r.tstop);
  dipole.addSamples(r.dipole, true);
  setDipoleCaption("stored: after the experiment's postproc");
  $("#run-id").textContent = id;
  body.shownRun = id;
}

async function openRun(run) {
  if (run.kind === "sweep") {
    sweep.box.closest("details").open = true;
    if (run.status === "done") sweep.load(run.id);
    else if (run.status === "queued" || run.status === "running") sweep.watch(run.id);
    return;
  }
  if (run.kind === "fit") {
    // A fit's file is not an experiment for the form: show where it stands and its best loss.
    const p = run.progress ?? {};
    let detail = run.error ?? `fit ${run.id}: ${p.jobs_done ?? 0} of ${p.jobs ?? "?"} simulations`;
    if (run.status === "done") {
      try {
        const r = await api.result(run.id);
        if (r.best) detail += `, best loss ${r.best.loss.toPrecision(4)} (files: history.csv, best.json)`;
      } catch (e) {
        showError(e.message);
      }
    }
    setStatus(run.status, detail);
    return;
  }
  if (run.experiment) {
    form.setValue(structuredClone(run.experiment));
    syncToJson(run.experiment);
  }
  if (run.status === "queued" || run.status === "running") { watch(run.id); return; }
  live?.source.close();
  live = null;
  body.runId = run.id;
  $("#progress").value = run.status === "done" ? 1 : run.progress?.fraction ?? 0;
  if (run.status === "done") {
    try {
      setTrials(run.id, run.experiment?.n_trials ?? run.progress?.trials ?? 1);
      await showResult(run.id, 0);
    } catch (e) {
      showError(e.message);
    }
  }
  setStatus(run.status, run.error ?? run.id);
}

function setDipoleCaption(text) { $("#dipole-note").textContent = text; }

function fmt(v) { return typeof v === "number" ? v.toFixed(1) : "?"; }

// ---- start
const runs = new RunsList($("#runs-list"), $("#run-files"), { open: openRun });
const compare = new Compare($("#compare"));
const sweep = new SweepPanel($("#sweep"), () => runs.refresh());
runs.onUpdate = (list) => compare.setRuns(list);

async function start() {
  const [schema, example, sweepExample] = await Promise.all([
    staticJson("schema/experiment.schema.json"), staticJson("examples/erp.json"), staticJson("examples/sweep_erp.json")]);
  form = new SchemaForm($("#form"), schema, syncToJson);
  form.setValue(structuredClone(example));
  syncToJson(example);
  $("#sweep-json").value = pretty(sweepExample);
  jsonArea.addEventListener("input", syncFromJson);
  $("#run-button").addEventListener("click", run);
  // Ctrl+Enter (or ⌘+Enter) in the experiment panel runs it
  $("#experiment-panel").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  $("#cancel-button").addEventListener("click", cancel);
  $("#refresh-runs").addEventListener("click", () => runs.refresh());
  $("#tidy-json").addEventListener("click", () => { syncFromJson(); if (!jsonArea.classList.contains("invalid")) syncToJson(form.value); });
  $("#reset-example").addEventListener("click", () => { form.setValue(structuredClone(example)); syncToJson(example); showError(""); });
  try {
    const models = await api.models();
    const list = Array.isArray(models) ? models : Array.isArray(models?.models) ? models.models : Object.keys(models ?? {});
    const names = list.map((m) => (typeof m === "string" ? m : m.name ?? m.model));
    form.setModels(names.filter(Boolean));
  } catch (e) {
    showError(`GET /api/models: ${e.message}`);
  }
  await runs.refresh();
  body.ready = "true";
}

start().catch((e) => showError(`the workbench could not start: ${e.message}`));
