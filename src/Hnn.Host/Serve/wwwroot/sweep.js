// A sweep: its file's JSON submitted to POST /api/sweeps, and its results table filled row by
// row as the `job` events arrive (or at once from /result for a finished sweep).
import { api } from "./api.js";
import { escapeHtml } from "./runs.js";

export class SweepPanel {
  constructor(box, onSubmitted) {
    this.box = box;
    this.text = box.querySelector("#sweep-json");
    this.error = box.querySelector("#sweep-error");
    this.status = box.querySelector("#sweep-status");
    this.table = box.querySelector("#sweep-table");
    this.progress = box.querySelector("#sweep-progress");
    this.onSubmitted = onSubmitted;
    this.rows = [];
    this.source = null;
    box.querySelector("#sweep-button").addEventListener("click", () => this.submit());
  }

  async submit() {
    this.error.textContent = "";
    let id;
    try {
      ({ id } = await api.submitSweep(this.text.value));
    } catch (e) {
      this.error.textContent = e.message;
      return;
    }
    this.onSubmitted?.(id);
    this.watch(id);
  }

  watch(id) {
    this.source?.close();
    this.rows = [];
    this.render();
    this.box.dataset.sweepId = id;
    this.setStatus("queued", id);
    const es = api.events(id);
    this.source = es;
    this.columns = [];
    es.addEventListener("start", (e) => {
      const d = JSON.parse(e.data);
      this.columns = ["index", ...(d.parameters ?? []), ...(d.summaries ?? []), "status"];
      this.setStatus(`running · 0 / ${d.jobs ?? "?"} jobs`, id);
    });
    es.addEventListener("progress", (e) => {
      const p = JSON.parse(e.data);
      this.progress.value = p.fraction ?? (p.jobs ? p.jobs_done / p.jobs : 0);
      this.setStatus(`running · ${p.jobs_done ?? "?"} / ${p.jobs ?? "?"} jobs`, id);
    });
    es.addEventListener("job", (e) => {
      const job = JSON.parse(e.data);
      this.rows[job.index] = { index: job.index, ...(job.params ?? {}), ...(job.summaries ?? {}), status: job.error ? `${job.status}: ${job.error}` : job.status };
      this.render();
    });
    es.addEventListener("status", async (e) => {
      es.close();
      const s = JSON.parse(e.data);
      this.setStatus(s.status + (s.error ? `: ${s.error}` : ""), id, s.status);
      if (s.status === "done") { this.progress.value = 1; await this.load(id, false); }
    });
    es.onerror = () => { if (es.readyState === EventSource.CLOSED) this.setStatus("stream closed", id); };
  }

  /** A finished sweep's table from GET /api/runs/{id}/result. */
  async load(id, resetStatus = true) {
    try {
      const { table } = await api.result(id);
      if (table?.length) { this.columns = []; this.rows = table.map((row) => ({ ...row })); }
      this.render();
      if (resetStatus) this.setStatus("done", id, "done");
    } catch (e) {
      this.error.textContent = e.message;
    }
  }

  setStatus(text, id, final) {
    this.status.textContent = `${id}: ${text}`;
    if (final) this.box.dataset.sweepStatus = final;
  }

  render() {
    const rows = this.rows.filter(Boolean);
    const columns = [...new Set([...(this.columns ?? []), ...rows.flatMap((r) => Object.keys(r))])];
    const cell = (v) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toPrecision(5)) : escapeHtml(typeof v === "object" ? JSON.stringify(v) : v));
    this.table.innerHTML = rows.length
      ? `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${columns.map((c) => `<td>${cell(r[c])}</td>`).join("")}</tr>`).join("")}</tbody>`
      : "";
    this.box.dataset.jobsShown = rows.length;
  }
}
