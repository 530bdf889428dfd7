// Two runs' agg dipoles over each other (from GET /api/runs/{id}/result), with their RMSE
// when both have the same time points.
import { api } from "./api.js";
import { LinePlot } from "./dipole.js";
import { escapeHtml } from "./runs.js";

const COLORS = ["#111111", "#e6550d"];

export class Compare {
  constructor(box) {
    this.box = box;
    this.selects = [box.querySelector("#compare-a"), box.querySelector("#compare-b")];
    this.note = box.querySelector("#compare-note");
    this.plot = new LinePlot(box.querySelector("#compare-plot"), { height: 240 });
    this.plot.reset(1, []);
    box.querySelector("#compare-button").addEventListener("click", () => this.compare());
  }

  /** The runs one can compare: finished simulations. */
  setRuns(runs) {
    const done = runs.filter((r) => r.kind === "simulate" && r.status === "done");
    this.selects.forEach((select, k) => {
      const keep = select.value;
      select.replaceChildren(...done.map((r) => new Option(`${r.name || r.id} · ${r.id}`, r.id)));
      if (done.some((r) => r.id === keep)) select.value = keep;
      else if (done[k]) select.value = done[k].id;
    });
  }

  async compare() {
    const ids = this.selects.map((s) => s.value);
    if (ids.some((id) => !id)) { this.note.textContent = "choose two finished runs"; return; }
    let results;
    try {
      results = await Promise.all(ids.map((id) => api.result(id)));
    } catch (e) {
      this.note.textContent = e.message;
      return;
    }
    const tstop = Math.max(...results.map((r) => r.tstop ?? r.dipole.times.at(-1)));
    this.plot.reset(tstop, ids.map((id, k) => ({ name: `${k ? "B" : "A"}: ${id}`, color: COLORS[k], width: 1.8 })));
    results.forEach((r, k) => this.plot.add(`${k ? "B" : "A"}: ${ids[k]}`, r.dipole.times, r.dipole.agg));
    const [a, b] = results.map((r) => r.dipole);
    if (a.times.length === b.times.length && a.times.every((t, i) => Math.abs(t - b.times[i]) < 1e-9)) {
      let sum = 0;
      for (let i = 0; i < a.agg.length; i++) sum += (a.agg[i] - b.agg[i]) ** 2;
      this.note.innerHTML = `RMSE(A − B) of the agg dipole: <output id="compare-rmse">${Math.sqrt(sum / a.agg.length).toPrecision(4)}</output> nAm over ${a.agg.length} samples`;
    } else {
      this.note.textContent = `different time points (${escapeHtml(a.times.length)} and ${escapeHtml(b.times.length)} samples): no RMSE`;
    }
    this.box.dataset.compared = ids.join(",");
  }
}
