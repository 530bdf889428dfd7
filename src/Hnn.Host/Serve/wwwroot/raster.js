// The spike raster: x time (0…tstop ms), y gid, one colour per cell type — the colours of
// HNN-core's plot_spikes_raster (matplotlib's first four) — and drive cells in grey.
// Spikes are drawn once, as they arrive; only a resize or a new gid range redraws them all.
import { Plot, Series } from "./plot.js";

export const CELL_COLORS = {
  L2_basket: "#1f77b4",
  L2_pyramidal: "#ff7f0e",
  L5_basket: "#2ca02c",
  L5_pyramidal: "#d62728",
};
const DRIVE_COLOR = "#9a9a9a";

export class Raster extends Plot {
  constructor(container) {
    super(container, { height: 300, xLabel: "Time (ms)", yLabel: "Cell (gid)" });
    this.times = new Series();
    this.gids = new Series();
    this.drawnCount = 0;
    this.ranges = [];
    this.legend = document.createElement("div");
    this.legend.className = "legend";
    container.append(this.legend);
  }

  /** A new (empty) raster for a run of `tstop` ms whose gids are `gidRanges` (name → [start, stop)). */
  reset(tstop, gidRanges = {}) {
    this.times.clear();
    this.gids.clear();
    this.drawnCount = 0;
    this.ranges = Object.entries(gidRanges)
      .map(([name, [start, stop]]) => ({ name, start, stop, color: CELL_COLORS[name] ?? DRIVE_COLOR }))
      .sort((a, b) => a.start - b.start);
    const top = this.ranges.reduce((m, r) => Math.max(m, r.stop), 1);
    this.x = [0, tstop || 1];
    this.y = [-0.5, top - 0.5];
    this.legend.replaceChildren(...this.ranges.filter((r) => r.name in CELL_COLORS || r === this.ranges.find((q) => !(q.name in CELL_COLORS)))
      .map((r) => {
        const item = document.createElement("span");
        const name = r.name in CELL_COLORS ? r.name : "drives";
        item.innerHTML = `<i style="background:${r.color}"></i>${name}`;
        return item;
      }));
    this.emptyText = "waiting for the first spikes…";
    this.redraw(true);
  }

  /** Appends spikes (ms, gid); drawn in the next frame. */
  add(times, gids) {
    if (times.length === 0) return;
    const first = this.times.length === 0; // the placeholder goes, the axes get their ticks
    this.times.push(times);
    this.gids.push(gids);
    let top = -Infinity;
    for (const g of gids) if (g > top) top = g;
    const grow = top > this.y[1];
    if (grow) { this.y[1] = top + 0.5; this.drawnCount = 0; }
    this.redraw(grow || first);
  }

  get count() { return this.drawnCount; }

  isEmpty() { return this.times.length === 0; }

  colorOf(gid) {
    // few ranges (cell types and drives): a linear scan is fine
    for (const r of this.ranges) if (gid >= r.start && gid < r.stop) return r.color;
    return DRIVE_COLOR;
  }

  drawAll() { this.drawnCount = 0; this.drawNew(); }

  drawNew() {
    const ctx = this.ctx;
    ctx.save();
    this.clip(ctx);
    const rowHeight = Math.max(1.5, Math.abs(this.py(1) - this.py(0)) * 0.9);
    const width = 1.6;
    // one path per colour for the new spikes
    const paths = new Map();
    for (let i = this.drawnCount; i < this.times.length; i++) {
      const c = this.colorOf(this.gids.at(i));
      let p = paths.get(c);
      if (!p) paths.set(c, (p = new Path2D()));
      p.rect(this.px(this.times.at(i)) - width / 2, this.py(this.gids.at(i)) - rowHeight / 2, width, rowHeight);
    }
    for (const [c, p] of paths) { ctx.fillStyle = c; ctx.fill(p); }
    ctx.restore();
    this.drawnCount = this.times.length;
  }
}
