// The runs list (GET /api/runs): every run of the server, newest first, with its state, a way
// to open it, and download links for the files of the one opened.
import { api } from "./api.js";

export class RunsList {
  /** @param {{open: (run) => void}} handlers */
  constructor(table, filesBox, handlers) {
    this.table = table;
    this.filesBox = filesBox;
    this.handlers = handlers;
    this.runs = [];
    this.timer = null;
  }

  async refresh() {
    try {
      this.runs = await api.runs();
    } catch (e) {
      this.table.innerHTML = `<caption class="problem">runs: ${escapeHtml(e.message)}</caption>`;
      return;
    }
    this.render();
    this.onUpdate?.(this.runs);
    clearTimeout(this.timer);
    // refresh on its own while something waits or runs
    if (this.runs.some((r) => r.status === "queued" || r.status === "running")) this.timer = setTimeout(() => this.refresh(), 3000);
  }

  render() {
    const head = "<thead><tr><th>run</th><th>kind</th><th>status</th><th>created</th><th>progress</th><th></th></tr></thead>";
    const rows = this.runs.map((r) => {
      const fraction = r.progress?.fraction;
      return `<tr data-id="${escapeHtml(r.id)}" data-status="${escapeHtml(r.status)}">
        <td title="${escapeHtml(r.id)}">${escapeHtml(r.name || r.id)}<br><small>${escapeHtml(r.id)}</small></td>
        <td>${escapeHtml(r.kind)}</td>
        <td><span class="badge ${escapeHtml(r.status)}">${escapeHtml(r.status)}</span></td>
        <td>${escapeHtml(shortTime(r.created))}</td>
        <td>${typeof fraction === "number" ? `${Math.round(fraction * 100)} %` : ""}</td>
        <td><button type="button" class="open-run" data-id="${escapeHtml(r.id)}">open</button></td></tr>`;
    });
    this.table.innerHTML = head + `<tbody>${rows.join("") || '<tr><td colspan="6">no runs yet</td></tr>'}</tbody>`;
    for (const b of this.table.querySelectorAll("button.open-run")) {
      b.addEventListener("click", () => this.open(b.dataset.id));
    }
  }

  /** Opens a run: its files as links, and whatever the page shows of it (raster and dipole, or the sweep table). */
  async open(id) {
    for (const tr of this.table.querySelectorAll("tr.selected")) tr.classList.remove("selected");
    this.table.querySelector(`tr[data-id="${CSS.escape(id)}"]`)?.classList.add("selected");
    let run;
    try {
      run = await api.run(id);
    } catch (e) {
      this.filesBox.textContent = e.message;
      return;
    }
    const files = run.files ?? [];
    this.filesBox.innerHTML = `<strong>${escapeHtml(run.name || run.id)}</strong> (${escapeHtml(run.status)})${run.error ? `: <span class="problem">${escapeHtml(run.error)}</span>` : ""}
      <div class="file-links">${files.map((f) => `<a href="${api.fileUrl(id, f)}" download="${escapeHtml(f)}">${escapeHtml(f)}</a>`).join(" ") || "no files"}</div>`;
    this.handlers.open(run);
  }
}

export function escapeHtml(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function shortTime(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
