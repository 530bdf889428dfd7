// The dipole plot: one line per layer (agg, L2, L5) in nAm over time in ms, or — for the
// comparison — one line per run. A new sample extends its line from the last one drawn; the
// whole plot is redrawn only when the y range must grow (then with room to spare) or on resize.
import { Plot, Series } from "./plot.js";

export const LAYER_COLORS = { agg: "#111111", L2: "#1f77b4", L5: "#d62728" };

export class LinePlot extends Plot {
  constructor(container, options = {}) {
    super(container, { height: 260, xLabel: "Time (ms)", yLabel: "Dipole (nAm)", ...options });
    this.lines = [];
    this.legend = document.createElement("div");
    this.legend.className = "legend";
    container.append(this.legend);
  }

  /** Empties the plot: x 0…tstop, and the named lines (name, color). */
  reset(tstop, lines) {
    this.x = [0, tstop || 1];
    this.y = [-1, 1];
    this.lo = Infinity;
    this.hi = -Infinity;
    this.fitted = false;
    this.final = false;
    this.lines = lines.map(({ name, color, width = 1.5 }) => ({ name, color, width, t: new Series(), v: new Series(), drawn: 0 }));
    this.legend.replaceChildren(...this.lines.map((l) => {
      const item = document.createElement("span");
      item.innerHTML = `<i style="background:${l.color}"></i>`;
      item.append(l.name);
      return item;
    }));
    this.emptyText = "waiting for the first samples…";
    this.redraw(true);
  }

  /** Appends samples to line `name`. */
  add(name, times, values) {
    const line = this.lines.find((l) => l.name === name);
    if (!line || times.length === 0) return;
    line.t.push(times);
    line.v.push(values);
    let lo = this.lo, hi = this.hi;
    for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
    this.lo = lo; this.hi = hi;
    // the first samples set the range; later ones widen it with room to spare, so a growing
    // dipole redraws in full only a few times
    const first = !this.fitted;
    const grow = first || lo < this.y[0] || hi > this.y[1];
    if (grow) {
      const span = Math.max(hi - lo, Math.abs(hi), Math.abs(lo), 1e-6);
      const room = this.final ? 0.08 : 0.25;
      let [y0, y1] = [lo - room * span, hi + room * span];
      // a live range at least doubles each time, so a dipole growing a thousandfold redraws ~10 times
      const minWidth = first || this.final ? 0 : 2 * (this.y[1] - this.y[0]);
      if (y1 - y0 < minWidth) {
        const extra = (minWidth - (y1 - y0)) / 2;
        [y0, y1] = [y0 - extra, y1 + extra];
      }
      this.y = [y0, y1];
      this.fitted = true;
    }
    this.redraw(grow);
  }

  isEmpty() { return this.lines.every((l) => l.t.length === 0); }

  /** Samples drawn so far, over all lines. */
  get count() { return this.lines.reduce((s, l) => s + l.drawn, 0); }

  drawAll() {
    const ctx = this.ctx;
    if (this.y[0] < 0 && this.y[1] > 0) {
      const r = this.inner;
      ctx.strokeStyle = "#ccc";
      ctx.setLineDash([4, 4]);
      ctx.beginPath(); ctx.moveTo(r.left, this.py(0)); ctx.lineTo(r.left + r.width, this.py(0)); ctx.stroke();
      ctx.setLineDash([]);
    }
    for (const l of this.lines) l.drawn = 0;
    this.drawNew();
  }

  drawNew() {
    const ctx = this.ctx;
    ctx.save();
    this.clip(ctx);
    ctx.lineJoin = "round";
    for (const l of this.lines) {
      if (l.t.length <= l.drawn) continue;
      ctx.strokeStyle = l.color;
      ctx.lineWidth = l.width;
      ctx.beginPath();
      const from = Math.max(0, l.drawn - 1);
      ctx.moveTo(this.px(l.t.at(from)), this.py(l.v.at(from)));
      for (let i = from + 1; i < l.t.length; i++) ctx.lineTo(this.px(l.t.at(i)), this.py(l.v.at(i)));
      if (l.t.length === 1) ctx.lineTo(this.px(l.t.at(0)) + 1, this.py(l.v.at(0)));
      ctx.stroke();
      l.drawn = l.t.length;
    }
    ctx.restore();
  }
}

/** The three layers of one run. */
export class DipolePlot extends LinePlot {
  reset(tstop) {
    super.reset(tstop, [
      { name: "L2", color: LAYER_COLORS.L2, width: 1.2 },
      { name: "L5", color: LAYER_COLORS.L5, width: 1.2 },
      { name: "agg", color: LAYER_COLORS.agg, width: 2 },
    ]);
  }

  /** One `dipole` event or result: {times, agg, L2, L5}; `final` (a stored result, all at once) fits the range tightly. */
  addSamples(d, final = false) {
    this.final = final;
    for (const layer of ["L2", "L5", "agg"]) if (d[layer]) this.add(layer, d.times, d[layer]);
  }

  /** Samples of the agg line (the counter tests read). */
  get samples() { return this.lines.find((l) => l.name === "agg")?.drawn ?? 0; }
}
