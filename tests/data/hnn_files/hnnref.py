"""Small helpers shared by the scripts in tests/data/hnn_files/.

They only *use* HNN-core v0.6.1 (imported from PYTHONPATH); no HNN-core code is
copied here. Run with Debian's /usr/bin/python3 and
PYTHONPATH=<hnn-core export>:<h5io export> (see README.md).
"""

import csv
import json
import os
import platform
import sys
import time
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402


warnings.simplefilter("ignore", DeprecationWarning)

# ---------------------------------------------------------------------------
# Raw NEURON dipole: simulate_dipole always renormalises the baseline and
# converts fAm -> nAm before returning.  We wrap Dipole._baseline_renormalize
# (without changing it) so that a copy of the data as NEURON produced it is
# kept before that step runs.
# ---------------------------------------------------------------------------
RAW_DIPOLES = []


def install_raw_dipole_hook():
    from hnn_core import dipole as dipole_module

    if getattr(dipole_module.Dipole._baseline_renormalize, "_hnnref_hooked", False):
        return
    original = dipole_module.Dipole._baseline_renormalize

    def wrapped(self, N_pyr_x, N_pyr_y):
        RAW_DIPOLES.append(
            {
                "times": np.array(self.times, dtype=float).copy(),
                "data": {k: np.array(v, dtype=float).copy() for k, v in self.data.items()},
            }
        )
        return original(self, N_pyr_x, N_pyr_y)

    wrapped._hnnref_hooked = True
    dipole_module.Dipole._baseline_renormalize = wrapped


def ensure_dir(path):
    os.makedirs(path, exist_ok=True)
    return path


def fmt(x):
    """Shortest round-trip repr of a double."""
    return repr(float(x))


# ---------------------------------------------------------------------------
# Writers (same conventions as tests/data/REFERENCE-README.md)
# ---------------------------------------------------------------------------
def write_json(fname, obj):
    with open(fname, "w") as f:
        json.dump(obj, f, indent=2, default=_json_default)
        f.write("\n")


def _json_default(o):
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, range):
        return [o.start, o.stop]
    if isinstance(o, (set, frozenset)):
        return sorted(o)
    raise TypeError(f"not JSON serialisable: {type(o)}")


def write_spikes_csv(fname, net, trial_idx=0):
    """time,gid,type sorted by time then gid (drive spikes included)."""
    cr = net.cell_response
    times = np.asarray(cr.spike_times[trial_idx], dtype=float)
    gids = np.asarray(cr.spike_gids[trial_idx], dtype=int)
    types = cr.spike_types[trial_idx]
    order = np.lexsort((gids, times))
    with open(fname, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["time", "gid", "type"])
        for i in order:
            w.writerow([fmt(times[i]), int(gids[i]), types[i]])


def write_raw_dipole_csv(fname, raw, keys=("agg", "L2", "L5")):
    """The dipole as NEURON computed it (fAm), every sample."""
    data = raw["data"]
    keys = [k for k in keys if k in data]
    with open(fname, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["time"] + keys)
        for i in range(len(raw["times"])):
            w.writerow([fmt(raw["times"][i])] + [fmt(data[k][i]) for k in keys])


def write_drive_events_csv(fname, net, trial_idx=0):
    """trial,drive,gid,time for every event of every drive cell (gid order)."""
    with open(fname, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["trial", "drive", "gid", "time"])
        for name in drives_in_gid_order(net):
            gids = list(net.gid_ranges[name])
            events = net.external_drives[name]["events"][trial_idx]
            assert len(events) == len(gids), (name, len(events), len(gids))
            for gid, times in zip(gids, events):
                for t in times:
                    w.writerow([trial_idx, name, int(gid), fmt(t)])


# ---------------------------------------------------------------------------
# Network summaries
# ---------------------------------------------------------------------------
def gid_ranges_dict(net):
    return {k: [int(v.start), int(v.stop)] for k, v in net.gid_ranges.items()}


def drives_in_gid_order(net):
    names = [n for n in net.gid_ranges if n in net.external_drives]
    return sorted(names, key=lambda n: net.gid_ranges[n].start)


DRIVE_KEYS = (
    "type", "location", "n_drive_cells", "cell_specific", "event_seed", "conn_seed",
    "dynamics", "weights_ampa", "weights_nmda", "synaptic_delays", "probability",
    "target_types",
)


def _plain(o):
    """numpy / set / tuple values -> plain JSON values (sets sorted)."""
    if isinstance(o, dict):
        return {str(k): _plain(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_plain(v) for v in o]
    if isinstance(o, (set, frozenset)):
        return sorted(_plain(v) for v in o)
    if isinstance(o, np.ndarray):
        return _plain(o.tolist())
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return float(o)
    return o


def drives_record(net, with_events=True):
    """Every drive (gid order): its stored record, gid range and trial-0 events."""
    out = {}
    for name in drives_in_gid_order(net):
        drive = net.external_drives[name]
        rec = {"name": name, "gid_range": [net.gid_ranges[name].start, net.gid_ranges[name].stop]}
        for key in DRIVE_KEYS:
            rec[key] = _plain(drive[key]) if key in drive else "<absent>"
        extra = sorted(set(drive.keys()) - set(DRIVE_KEYS) - {"name", "events"})
        for key in extra:
            rec[key] = _plain(drive[key])
        if with_events:
            events = drive["events"]
            rec["events_trial0"] = (
                [[float(t) for t in cell] for cell in events[0]] if len(events) > 0 else None
            )
        out[name] = rec
    return out


def connectivity_summary(net):
    rows = []
    for idx, conn in enumerate(net.connectivity):
        nc = conn["nc_dict"]
        n_pairs = int(sum(len(v) for v in conn["gid_pairs"].values()))
        rows.append(
            {
                "index": idx,
                "src_type": conn["src_type"],
                "target_type": conn["target_type"],
                "loc": conn["loc"],
                "receptor": conn["receptor"],
                "A_weight": float(nc["A_weight"]),
                "A_delay": float(nc["A_delay"]),
                "lamtha": float(nc["lamtha"]),
                "probability": float(conn["probability"]),
                "n_pairs": n_pairs,
            }
        )
    return rows


def external_biases(net):
    return _plain(net.external_biases)


def write_network_summaries(folder, net, prefix=""):
    """gid_ranges.json, drives.json (no events), biases, connectivity summary."""
    write_json(os.path.join(folder, f"{prefix}gid_ranges.json"), gid_ranges_dict(net))
    write_json(os.path.join(folder, f"{prefix}drives.json"), drives_record(net, with_events=False))
    write_json(os.path.join(folder, f"{prefix}external_biases.json"), external_biases(net))
    write_json(os.path.join(folder, f"{prefix}connectivity_summary.json"), connectivity_summary(net))


def spike_counts_by_type(net, trial_idx=0):
    """Spikes per gid-range name (cells and drives), via net.gid_to_type."""
    counts = {}
    for gid in net.cell_response.spike_gids[trial_idx]:
        name = net.gid_to_type(gid)
        counts[name] = counts.get(name, 0) + 1
    return counts


def spike_counts_all_names(net, trial_idx=0):
    """Counts for every gid-range name, zeros included, in gid order."""
    by_type = spike_counts_by_type(net, trial_idx)
    out = {name: int(by_type.get(name, 0)) for name in net.gid_ranges}
    out["_total"] = int(len(net.cell_response.spike_gids[trial_idx]))
    return out


# ---------------------------------------------------------------------------
# Run and record
# ---------------------------------------------------------------------------
def simulate_and_record(net, folder, tstop=170.0, dt=0.025):
    """simulate_dipole (n_trials 1) then write spikes, raw dipole, gid ranges,
    drive events and a summary.  Returns (dipoles, summary)."""
    from hnn_core import simulate_dipole

    ensure_dir(folder)
    RAW_DIPOLES.clear()
    t0 = time.perf_counter()
    dpls = simulate_dipole(net, tstop=tstop, dt=dt, n_trials=1)
    wall = time.perf_counter() - t0
    assert len(RAW_DIPOLES) == 1, len(RAW_DIPOLES)
    write_spikes_csv(os.path.join(folder, "spikes_trial0.csv"), net)
    write_raw_dipole_csv(os.path.join(folder, "dipole_neuron_raw_fAm_trial0.csv"), RAW_DIPOLES[0])
    write_json(os.path.join(folder, "gid_ranges.json"), gid_ranges_dict(net))
    write_drive_events_csv(os.path.join(folder, "drive_events_trial0.csv"), net)
    summary = {
        "tstop": tstop,
        "dt": dt,
        "n_trials": 1,
        "backend": "JoblibBackend(n_jobs=1) [default]",
        "simulate_dipole_wall_s": wall,
        "spike_counts": spike_counts_all_names(net),
        "n_samples": int(len(RAW_DIPOLES[0]["times"])),
        "neuron_settings_after_run": neuron_settings(),
        "versions": versions(),
    }
    write_json(os.path.join(folder, "summary.json"), summary)
    return dpls, summary


def neuron_settings():
    from neuron import h

    return {
        "celsius": float(h.celsius),
        "dt": float(h.dt),
        "tstop": float(h.tstop),
        "secondorder": int(h.secondorder),
        "cvode_active": int(h.CVode().active()),
        "nrnunit_use_legacy": int(h.nrnunit_use_legacy()),
    }


def versions():
    import neuron
    import hnn_core

    return {
        "python": sys.version.split()[0],
        "neuron": neuron.__version__,
        "numpy": np.__version__,
        "hnn_core": hnn_core.__version__,
        "platform": platform.platform(),
    }


def spike_diff(spikes_a, spikes_b):
    """Number of (gid, time) spikes of cells in one run but not the other;
    times compared at 1e-6 ms."""
    def key_set(rows):
        return {(int(g), round(float(t), 6)) for t, g, _ in rows}

    a, b = key_set(spikes_a), key_set(spikes_b)
    return {"only_in_first": len(a - b), "only_in_second": len(b - a), "common": len(a & b)}


def read_spikes_csv(fname):
    with open(fname) as f:
        r = csv.reader(f)
        next(r)
        return [(float(t), int(g), typ) for t, g, typ in r]
