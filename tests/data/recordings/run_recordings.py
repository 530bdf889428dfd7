"""jones_2009_model + the ERP drives (add_erp_drives_to_jones_model), tstop=170, dt=0.025, n_trials=1,
simulate_dipole(record_vsec='all', record_isec='all', record_ca='all'). Writes, for one cell of each
cell type (of the first, middle and last gid, the one that fired most), every recorded trace at full precision (one gzip CSV per quantity, columns <gid>_<section>
or <gid>_<synapse>), plus which sections/synapses HNN-core recorded for every cell type.
"""

import gzip
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

import common  # noqa: E402
from hnn_core import jones_2009_model, simulate_dipole  # noqa: E402
from hnn_core.network_models import add_erp_drives_to_jones_model  # noqa: E402

warnings.simplefilter("ignore", DeprecationWarning)
OUT = common.ensure_dir(os.path.join(common.REF_ROOT, "recordings", "erp_all"))

net = jones_2009_model()
add_erp_drives_to_jones_model(net)
dpls = simulate_dipole(net, tstop=170.0, n_trials=1, record_vsec="all", record_isec="all", record_ca="all")
cr = net.cell_response
times = np.asarray(cr.times)
picked = []
for name in net.cell_types:
    r = list(net.gid_ranges[name])
    picked += sorted(set([r[0], r[len(r) // 2], r[-1]]))
# Keep one cell per type: of the picks, the one that fired most (ties: the lowest gid).
fired = {g: 0 for g in picked}
for g in cr.spike_gids[0]:
    if g in fired:
        fired[g] += 1
kept = []
for name in net.cell_types:
    r = net.gid_ranges[name]
    candidates = [g for g in picked if r.start <= g < r.stop]
    kept.append(max(candidates, key=lambda g: (fired[g], -g)))


def write(fname, columns):
    names = list(columns)
    with gzip.open(os.path.join(OUT, fname), "wt") as f:
        f.write(",".join(["time"] + names) + "\n")
        for i in range(len(times)):
            f.write(",".join([common.fmt(times[i])] + [common.fmt(columns[n][i]) for n in names]) + "\n")


vsec, isec, ca = {}, {}, {}
layout = {}
for gid in kept:
    v = cr.vsec[0][gid]
    for sec, trace in v.items():
        vsec[f"{gid}_{sec}"] = trace
    for sec, syns in cr.isec[0][gid].items():
        for syn, trace in syns.items():
            isec[f"{gid}_{syn}"] = trace
    for sec, trace in cr.ca[0][gid].items():
        if trace is not None and len(trace) > 0:
            ca[f"{gid}_{sec}"] = trace
for name in net.cell_types:
    gid = list(net.gid_ranges[name])[0]
    layout[name] = {
        "vsec": list(cr.vsec[0][gid].keys()),
        "isec": {s: list(d.keys()) for s, d in cr.isec[0][gid].items()},
        "ca": [s for s, t in cr.ca[0][gid].items() if t is not None and len(t) > 0],
        "ca_none": [s for s, t in cr.ca[0][gid].items() if t is None or len(t) == 0],
    }
write("vsec.csv.gz", vsec)
write("isec.csv.gz", isec)
write("ca.csv.gz", ca)
common.write_spikes_csv(os.path.join(OUT, "spikes_trial0.csv"), cr.spike_times[0], cr.spike_gids[0], cr.spike_types[0])
common.write_json(os.path.join(OUT, "summary.json"), {
    "tstop": 170.0, "dt": 0.025, "n_times": len(times), "picked_gids": picked, "kept_gids": kept, "layout": layout,
    "n_vsec_cells": len(cr.vsec[0]), "spike_counts": common.spike_counts(net, 0), "versions": common.versions()})
print("[reference] recordings", len(times), "samples;", len(vsec), "vsec,", len(isec), "isec,", len(ca), "ca columns", flush=True)
