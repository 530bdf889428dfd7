// A canvas with axes: the part the raster and the dipole plot share (sizing, ticks, labels,
// and redraw scheduling: at most one draw per animation frame, however many events arrive).

const MARGIN = { left: 64, right: 12, top: 12, bottom: 40 };

/** About n round tick values covering [min, max] (steps of 1, 2, 2.5 or 5 × 10^k). */
export function niceTicks(min, max, n = 6) {
  if (!(max > min)) return [min];
  const raw = (max - min) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

function label(v) {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(6)));
}

export class Plot {
  /** @param {HTMLElement} container the element whose width the canvas fills */
  constructor(container, { height = 260, xLabel = "", yLabel = "" } = {}) {
    this.container = container;
    this.canvas = document.createElement("canvas");
    this.canvas.height = height;
    this.canvas.setAttribute("role", "img");
    container.append(this.canvas);
    this.cssHeight = height;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.x = [0, 1];
    this.y = [0, 1];
    this.pending = false;
    this.full = true;
    this.fullDraws = 0; // full redraws and draws in all, for the tests' check that drawing is incremental
    this.frames = 0;
    this.drawMs = 0;
    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();
  }

  resize() {
    const width = Math.max(200, Math.floor(this.container.clientWidth));
    const dpr = window.devicePixelRatio || 1;
    if (this.cssWidth === width && this.dpr === dpr) return;
    this.cssWidth = width;
    this.dpr = dpr;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(this.cssHeight * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${this.cssHeight}px`;
    this.redraw();
  }

  get ctx() {
    const ctx = this.canvas.getContext("2d");
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    return ctx;
  }

  get inner() {
    return { left: MARGIN.left, top: MARGIN.top, width: this.cssWidth - MARGIN.left - MARGIN.right, height: this.cssHeight - MARGIN.top - MARGIN.bottom };
  }

  px(x) { const r = this.inner; return r.left + ((x - this.x[0]) / (this.x[1] - this.x[0])) * r.width; }
  py(y) { const r = this.inner; return r.top + r.height - ((y - this.y[0]) / (this.y[1] - this.y[0])) * r.height; }

  /** Asks for a draw in the next frame; a full one (axes and every point) when `full`. */
  redraw(full = true) {
    this.full ||= full;
    if (this.pending) return;
    this.pending = true;
    const flush = () => {
      if (!this.pending) return;
      this.pending = false;
      const started = performance.now();
      const wasFull = this.full;
      this.full = false;
      if (wasFull) { this.drawAxes(); this.drawAll(); this.fullDraws++; } else this.drawNew();
      this.frames++;
      this.drawMs += performance.now() - started;
      this.drawn?.();
    };
    requestAnimationFrame(flush);
    setTimeout(flush, 120); // a hidden tab gets no frames; draw anyway
  }

  drawAxes() {
    const ctx = this.ctx;
    const r = this.inner;
    ctx.clearRect(0, 0, this.cssWidth, this.cssHeight);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, this.cssWidth, this.cssHeight);
    ctx.strokeStyle = "#222";
    ctx.lineWidth = 1;
    ctx.strokeRect(r.left + 0.5, r.top + 0.5, r.width, r.height);
    ctx.fillStyle = "#222";
    ctx.font = "11px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const t of niceTicks(this.x[0], this.x[1], Math.max(3, Math.floor(r.width / 80)))) {
      const x = Math.round(this.px(t)) + 0.5;
      ctx.beginPath(); ctx.moveTo(x, r.top + r.height); ctx.lineTo(x, r.top + r.height + 4); ctx.stroke();
      ctx.fillText(label(t), x, r.top + r.height + 6);
    }
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    const empty = this.isEmpty();
    if (empty) {
      ctx.save();
      ctx.fillStyle = "#98a2b3";
      ctx.textAlign = "center";
      ctx.font = "13px system-ui, sans-serif";
      ctx.fillText(this.emptyText, r.left + r.width / 2, r.top + r.height / 2);
      ctx.restore();
    }
    if (!empty) for (const t of niceTicks(this.y[0], this.y[1], Math.max(3, Math.floor(r.height / 40)))) {
      const y = Math.round(this.py(t)) + 0.5;
      ctx.beginPath(); ctx.moveTo(r.left - 4, y); ctx.lineTo(r.left, y); ctx.stroke();
      ctx.fillText(label(t), r.left - 6, y);
    }
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(this.xLabel, r.left + r.width / 2, this.cssHeight - 2);
    ctx.save();
    ctx.translate(14, r.top + r.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = "middle";
    ctx.fillText(this.yLabel, 0, 0);
    ctx.restore();
  }

  /** Clips drawing to the plot area. */
  clip(ctx) {
    const r = this.inner;
    ctx.beginPath();
    ctx.rect(r.left + 1, r.top + 1, r.width - 1, r.height - 1);
    ctx.clip();
  }

  drawAll() {}
  drawNew() {}
  isEmpty() { return false; }
  emptyText = "no run shown yet: press Run, or open a run below";
}

/** A growable array of doubles (a plain array would box ten thousand numbers one by one). */
export class Series {
  constructor() { this.data = new Float64Array(1024); this.length = 0; }
  push(values) {
    if (this.length + values.length > this.data.length) {
      const next = new Float64Array(Math.max(this.data.length * 2, this.length + values.length));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(values, this.length);
    this.length += values.length;
  }
  clear() { this.length = 0; }
  at(i) { return this.data[i]; }
}
