"""Reference data for HnnActors' extracellular (LFP) physics, from HNN-core v0.6.1 on NEURON.

Runs jones_2009_model() + add_erp_drives_to_jones_model (tstop 170 ms, dt 0.025 ms, one trial)
with two electrode arrays on the same linear shank through the column centre, one with the
point-source ("psa") and one with the line-source ("lsa") approximation, and writes the files
described in README.md next to this script. It only wraps HNN-core methods (to look at what
they compute); it changes nothing in the simulation.

Run with Debian's python3 and HNN-core v0.6.1 on PYTHONPATH:
  PATH=/usr/sbin:/usr/bin:/sbin:/bin PYTHONPATH=<hnn-core>:<h5io> /usr/bin/python3 make_lfp_reference.py
"""

import csv
import gzip
import io
import json
import os
import platform
import sys
import time

import numpy as np
from neuron import h

import hnn_core
from hnn_core import jones_2009_model, simulate_dipole
from hnn_core import extracellular as ex
from hnn_core import network_builder as nb
from hnn_core.network_models import add_erp_drives_to_jones_model

HERE = os.path.dirname(os.path.abspath(__file__))
TSTOP, DT = 170.0, 0.025
DEPTHS = [float(z) for z in range(-325, 2150, 100)]
CAPTURE_SAMPLES = [1, 2, 1000, 2600, 4880]  # samples whose full i_membrane_ vector is kept
CSD_EVERY = 20  # CSD written for every CSD_EVERY-th sample (it is column-wise independent)
LFP_EVERY = {"shank_psa": 1, "shank_lsa": 4}  # keeps the committed data under 3 MB


def fmt(x):
    return repr(float(x))


def open_gz(name):
    """A gzip text file without a time stamp in its header, so that reruns write identical bytes."""
    raw = gzip.GzipFile(os.path.join(HERE, name), "wb", compresslevel=9, mtime=0)
    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


STATE = {"builder_net": None, "geometry": None, "imem": {}, "transfer_done": False}


def section_table(nbuilder):
    """Map every NEURON section to (gid, cell type, section name)."""
    owner = {}
    for cell in nbuilder._cells:
        ctype = nbuilder.net.gid_to_type(cell.gid)
        for name, sec in cell._nrn_sections.items():
            owner[sec] = (cell.gid, ctype, name, tuple(cell.pos))
    return owner


orig_record = nb.NetworkBuilder._record_extracellular


def record_hook(self):
    STATE["builder_net"] = self
    return orig_record(self)


nb.NetworkBuilder._record_extracellular = record_hook

orig_build = ex._ExtracellularArrayBuilder._build


def build_hook(self, cvode=None, include_celltypes="all"):
    orig_build(self, cvode=cvode, include_celltypes=include_celltypes)
    if STATE["geometry"] is not None:
        return
    owner = section_table(STATE["builder_net"])
    rows, col = [], 0
    for sec in h.allsec():
        gid, ctype, name, pos = owner[sec]
        n3d = int(h.n3d(sec=sec))
        rows.append(
            {
                "gid": gid, "type": ctype, "section": name, "first_column": col,
                "nseg": sec.nseg, "L": sec.L, "n3d": n3d,
                "pts": [(h.x3d(i, sec=sec), h.y3d(i, sec=sec), h.z3d(i, sec=sec)) for i in range(n3d)],
                "segx": [seg.x for seg in sec], "pos": pos, "sec": sec,
            }
        )
        col += sec.nseg
    STATE["geometry"] = rows
    write_geometry(rows)
    write_transfer(rows)


ex._ExtracellularArrayBuilder._build = build_hook

orig_gather = ex._ExtracellularArrayBuilder._gather_nrn_voltages


def gather_hook(self):
    orig_gather(self)
    sample = int(self._nrn_voltages.size() / self.n_contacts) - 1
    if sample in CAPTURE_SAMPLES and sample not in STATE["imem"]:
        STATE["imem"][sample] = (h.t, np.array(self._nrn_imem_vec.to_python()))


ex._ExtracellularArrayBuilder._gather_nrn_voltages = gather_hook


def write_geometry(rows):
    with open_gz("sections.csv.gz") as f:
        w = csv.writer(f)
        w.writerow(["gid", "type", "section", "first_column", "nseg", "L", "n3d",
                    "x0", "y0", "z0", "x1", "y1", "z1", "pos_x", "pos_y", "pos_z"])
        for r in rows:
            assert r["n3d"] == 2, r
            (x0, y0, z0), (x1, y1, z1) = r["pts"]
            for k, x in enumerate(r["segx"]):
                assert x == (k + 0.5) / r["nseg"]
            w.writerow([r["gid"], r["type"], r["section"], r["first_column"], r["nseg"], fmt(r["L"]), r["n3d"],
                        fmt(x0), fmt(y0), fmt(z0), fmt(x1), fmt(y1), fmt(z1)] + [fmt(p) for p in r["pos"]])


def chosen_cells(rows):
    """One cell of each type: the one nearest the shank in x, y."""
    best = {}
    for r in rows:
        d = (r["pos"][0] - CENTRE[0]) ** 2 + (r["pos"][1] - CENTRE[1]) ** 2
        if r["type"] not in best or d < best[r["type"]][0] - 1e-12:
            best[r["type"]] = (d, r["gid"])
    return sorted(g for _, g in best.values())


def extra_electrodes(rows, gids):
    """Electrodes placed to hit the min_distance branches: on a segment centre, on a section's axis
    beyond its end, and 0.2 µm off the middle of a section's axis."""
    out = []
    for r in rows:
        if r["gid"] != gids[-1]:  # the chosen L5 pyramidal cell
            continue
        p0, p1 = np.array(r["pts"][0]), np.array(r["pts"][1])
        v = p1 - p0
        if r["section"] in ("apical_trunk", "basal_1", "apical_tuft"):
            out.append(("centre_" + r["section"], tuple(p0 + r["segx"][0] * v)))
            out.append(("axis_beyond_" + r["section"], tuple(p1 + 0.3 * v)))
            perp = np.cross(v, [1.0, 0.0, 0.0])
            if np.linalg.norm(perp) < 1e-9:
                perp = np.cross(v, [0.0, 1.0, 0.0])
            perp = perp / np.linalg.norm(perp)
            out.append(("near_axis_" + r["section"], tuple(p0 + 0.5 * v + 0.2 * perp)))
    return out


def write_transfer(rows):
    gids = chosen_cells(rows)
    electrodes = [(f"shank_{i}", e) for i, e in enumerate(ELECTRODES)] + extra_electrodes(rows, gids)
    cases = [("psa", 0.5, 0.3), ("lsa", 0.5, 0.3), ("psa", 5.0, 0.3), ("lsa", 5.0, 0.3),
             ("psa", 50.0, 0.15), ("lsa", 50.0, 0.15)]
    with open_gz("electrodes_extra.csv.gz") as f:
        w = csv.writer(f)
        w.writerow(["electrode", "x", "y", "z"])
        for name, e in electrodes:
            w.writerow([name] + [fmt(c) for c in e])
    with open_gz("transfer.csv.gz") as f:
        w = csv.writer(f)
        w.writerow(["gid", "type", "section", "segment", "electrode", "method", "min_distance",
                    "conductivity", "r_transfer"])
        for r in rows:
            if r["gid"] not in gids:
                continue
            for method, md, cond in cases:
                for name, e in electrodes:
                    vals = ex._transfer_resistance(r["sec"], list(e), conductivity=cond, method=method,
                                                   min_distance=md)
                    for k, v in enumerate(vals):
                        w.writerow([r["gid"], r["type"], r["section"], k, name, method, fmt(md), fmt(cond), fmt(v)])


def validation_messages():
    cases = {
        "conductivity_zero": dict(positions=[(0.0, 0.0, 0.0)], conductivity=0.0),
        "conductivity_negative": dict(positions=[(0.0, 0.0, 0.0)], conductivity=-1.0),
        "conductivity_int": dict(positions=[(0.0, 0.0, 0.0)], conductivity=1),
        "min_distance_zero": dict(positions=[(0.0, 0.0, 0.0)], min_distance=0.0),
        "min_distance_int": dict(positions=[(0.0, 0.0, 0.0)], min_distance=1),
        "method_unknown": dict(positions=[(0.0, 0.0, 0.0)], method="csd"),
        "position_two_coords": dict(positions=[(0.0, 0.0)]),
        "position_four_coords": dict(positions=[(0.0, 0.0, 0.0, 1.0)]),
        "single_position": dict(positions=(1.0, 2.0, 3.0)),
    }
    out = {}
    for name, kw in cases.items():
        positions = kw.pop("positions")
        try:
            arr = ex.ExtracellularArray(positions, **kw)
            out[name] = {"ok": True, "positions": [list(p) for p in arr.positions]}
        except Exception as err:  # record what HNN-core says
            out[name] = {"ok": False, "type": type(err).__name__, "message": str(err)}
    laminar = {
        "one_contact": [(0.0, 0.0, 0.0)],
        "unequal_spacing": [(0.0, 0.0, 0.0), (0.0, 0.0, 100.0), (0.0, 0.0, 250.0)],
        "no_z_change": [(0.0, 0.0, 0.0), (100.0, 0.0, 0.0), (200.0, 0.0, 0.0)],
        "not_colinear": [(0.0, 0.0, 0.0), (0.0, 0.0, 100.0), (0.0, 100.0, 100.0)],
        "descending": [(0.0, 0.0, 200.0), (0.0, 0.0, 100.0), (0.0, 0.0, 0.0)],
        "tilted": [(0.0, 0.0, 0.0), (30.0, 40.0, 0.0 + 120.0), (60.0, 80.0, 240.0)],
    }
    for name, pos in laminar.items():
        try:
            z, delta = ex._get_laminar_z_coords(pos)
            out["laminar_" + name] = {"ok": True, "z": [float(v) for v in z], "delta": float(delta)}
        except Exception as err:
            out["laminar_" + name] = {"ok": False, "type": type(err).__name__, "message": str(err)}
    return out


def electrode_current_fact():
    """Does i_membrane_ (fast_imem) contain an IClamp's current? One passive compartment in steady state."""
    s = h.Section(name="imem_probe")
    s.L = s.diam = 10.0
    s.insert("pas")
    s.g_pas, s.e_pas = 1e-3, -65.0
    stim = h.IClamp(s(0.5))
    stim.delay, stim.dur, stim.amp = 0.0, 1e9, 0.1
    cv = h.CVode()
    cv.use_fast_imem(1)
    h.dt = 0.025
    h.finitialize(-65.0)
    for _ in range(4000):
        h.fadvance()
    imem = s(0.5).i_membrane_
    ipas = s(0.5).i_pas * s(0.5).area() * 1e-2  # mA/cm2 * um2 * 1e-2 = nA
    res = {"iclamp_amp_nA": stim.amp, "i_membrane_nA": imem, "i_pas_nA": ipas,
           "note": "steady state: i_membrane_ equals the ionic current, so it excludes the IClamp current"}
    cv.use_fast_imem(0)
    del stim, s
    return res


def imem_formula_fact():
    """Which formula gives i_membrane_: a soma with hh, a passive 3-segment dendrite and an Exp2Syn on the
    soma; after each fixed step the soma's i_membrane_ is compared with
    area*1e-2*(cm*1e-3/dt*dv + i_ion(v0) + di_ion/dv*dv) + i_syn(v0) + g_syn*dv, dv = v1 - v0, the ionic current
    taken with the gating states in use during the step and di/dv as NEURON's 0.001 mV difference."""
    soma = h.Section(name="imem_formula_soma")
    soma.L = soma.diam = 20.0
    soma.cm = 0.85
    soma.insert("hh")
    dend = h.Section(name="imem_formula_dend")
    dend.L, dend.diam, dend.nseg = 200.0, 2.0, 3
    dend.insert("pas")
    dend.connect(soma(1))
    syn = h.Exp2Syn(soma(0.5))
    syn.tau1, syn.tau2, syn.e = 0.5, 5.0, 0.0
    stim = h.NetStim()
    stim.number, stim.start = 1, 1.0
    nc = h.NetCon(stim, syn)
    nc.weight[0], nc.delay = 0.02, 0.0
    cv = h.CVode()
    cv.use_fast_imem(1)
    h.dt, h.celsius = 0.025, 37.0
    h.finitialize(-65.0)
    seg = soma(0.5)
    area = seg.area()

    def ionic(v, m, hh, n):
        return (seg.hh.gnabar * m ** 3 * hh * (v - seg.ena) + seg.hh.gkbar * n ** 4 * (v - seg.ek)
                + seg.hh.gl * (v - seg.hh.el))

    worst, peak = 0.0, 0.0
    for _ in range(400):
        v0, m, hh, n, g_syn = seg.v, seg.hh.m, seg.hh.h, seg.hh.n, syn.B - syn.A
        h.fadvance()
        dv = seg.v - v0
        i0 = ionic(v0, m, hh, n)
        di = (ionic(v0 + 0.001, m, hh, n) - i0) / 0.001
        predicted = area * 1e-2 * (soma.cm * 1e-3 / h.dt * dv + i0 + di * dv) + g_syn * (v0 - syn.e) + g_syn * dv
        worst = max(worst, abs(seg.i_membrane_ - predicted))
        peak = max(peak, abs(seg.i_membrane_))
    cv.use_fast_imem(0)
    del nc, stim, syn, dend, soma
    return {"steps": 400, "max_abs_error_nA": worst, "peak_abs_i_membrane_nA": peak,
            "formula": "area*1e-2*(cm*1e-3/dt*dv + i_ion(v0) + di_ion/dv*dv) + i_syn(v0) + g_syn*dv"}


def main():
    global ELECTRODES, CENTRE
    t0 = time.time()
    facts = {"electrode_current": electrode_current_fact(), "imem_formula": imem_formula_fact()}
    net = jones_2009_model()
    add_erp_drives_to_jones_model(net)
    xs = [p[0] for p in net.pos_dict["L5_pyramidal"]]
    ys = [p[1] for p in net.pos_dict["L5_pyramidal"]]
    CENTRE = ((min(xs) + max(xs)) / 2.0, (min(ys) + max(ys)) / 2.0)
    ELECTRODES = [(CENTRE[0], CENTRE[1], z) for z in DEPTHS]
    net.add_electrode_array("shank_psa", ELECTRODES, method="psa")
    net.add_electrode_array("shank_lsa", ELECTRODES, method="lsa")
    dpls = simulate_dipole(net, tstop=TSTOP, dt=DT, n_trials=1)
    sim_s = time.time() - t0

    times = np.array(net.rec_arrays["shank_psa"].times)
    summary = {"tstop": TSTOP, "dt": DT, "n_samples": int(len(times)), "t_first": float(times[0]),
               "t_last": float(times[-1]), "centre": CENTRE, "depths": DEPTHS, "capture_samples": CAPTURE_SAMPLES,
               "csd_every": CSD_EVERY, "lfp_every": LFP_EVERY, "hnn_core": hnn_core.__version__, "neuron": h.nrnversion(),
               "numpy": np.__version__, "python": platform.python_version(), "sim_seconds": sim_s,
               "transfer_gids": chosen_cells(STATE["geometry"]), "n_segments": int(sum(r["nseg"] for r in STATE["geometry"]))}
    for name in ("shank_psa", "shank_lsa"):
        arr = net.rec_arrays[name]
        v = np.array(arr.voltages)[0]  # (n_electrodes, n_times), µV
        assert np.array_equal(np.array(arr.times), times)
        with open_gz(f"lfp_{name}.csv.gz") as f:
            w = csv.writer(f)
            w.writerow(["sample", "time"] + [f"e{i}" for i in range(v.shape[0])])
            for k in range(0, v.shape[1], LFP_EVERY[name]):
                w.writerow([k, fmt(times[k])] + [fmt(x) for x in v[:, k]])
        z, delta = ex._get_laminar_z_coords(arr.positions)
        csd = ex.calculate_csd2d(lfp_data=v, delta=delta)
        with open_gz(f"csd_{name}.csv.gz") as f:
            w = csv.writer(f)
            w.writerow(["sample", "time"] + [f"e{i}" for i in range(csd.shape[0])])
            for k in range(0, csd.shape[1], CSD_EVERY):
                w.writerow([k, fmt(times[k])] + [fmt(x) for x in csd[:, k]])
        summary[name] = {"delta": float(delta), "z": [float(x) for x in z], "peak_abs_lfp": float(np.abs(v).max()),
                         "peak_abs_csd": float(np.abs(csd).max()), "method": arr.method,
                         "conductivity": arr.conductivity, "min_distance": arr.min_distance}
    with open_gz("imem.csv.gz") as f:
        w = csv.writer(f)
        w.writerow(["sample", "column", "i_membrane_nA"])
        for s in sorted(STATE["imem"]):
            for j, x in enumerate(STATE["imem"][s][1]):
                w.writerow([s, j, fmt(x)])
    # h.t inside the callback still holds the step's start time (NEURON updates h.t after it);
    # the currents belong to sample s, i.e. to times[s] = s * dt.
    summary["imem_samples"] = {str(s): {"time": float(times[s]), "h_t_in_callback": STATE["imem"][s][0]}
                               for s in sorted(STATE["imem"])}
    facts["validation"] = validation_messages()
    summary["facts"] = facts
    with open(os.path.join(HERE, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps({k: summary[k] for k in ("n_samples", "t_first", "t_last", "centre", "sim_seconds", "n_segments", "transfer_gids")}))


if __name__ == "__main__":
    main()
