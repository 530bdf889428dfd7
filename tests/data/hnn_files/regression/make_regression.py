"""HNN-core's own regression run (test_compare_hnn_core, non-reduced) on NEURON.

read_params(default.json) -> neymotin_2020_model(params, add_drives_from_params=True,
legacy_mode=True, mesh_shape=(10, 10)) -> simulate_dipole(net, tstop=170.0)
-> dpls[0].smooth(30).scale(3000) -> Dipole.write('dpl.txt').

Writes into this folder: default.json (copy), dpl.txt, spike_counts.json,
spikes_trial0.csv, dipole_neuron_raw_fAm_trial0.csv, drive_events_trial0.csv,
gid_ranges.json, drives.json (records + trial-0 events), external_biases.json,
connectivity_summary.json, summary.json, and the same network summaries for
legacy_mode=False as nonlegacy_*.json (not simulated; drive events made by
Network._instantiate_drives, the call simulate_dipole makes).

Usage: python3 make_regression.py [--upstream-dpl FILE]
  --upstream-dpl: HNN-core's published dpl.txt (branch test_data) to compare with.
"""

import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import hnnref  # noqa: E402

import numpy as np  # noqa: E402
import hnn_core  # noqa: E402
from hnn_core import read_params, neymotin_2020_model  # noqa: E402

OUT = os.path.dirname(os.path.abspath(__file__))
# What the upstream test asserts (hnn_core/tests/test_parallel_backends.py).
UPSTREAM_COUNTS = {
    "evprox1": 270, "L2_basket": 55, "L2_pyramidal": 114, "L5_pyramidal": 396,
    "L5_basket": 86, "evdist1": 270, "evprox2": 270,
}


def default_json_path():
    return os.path.join(os.path.dirname(hnn_core.__file__), "param", "default.json")


def build(legacy_mode):
    params = read_params(os.path.join(OUT, "default.json"))
    return neymotin_2020_model(
        params, add_drives_from_params=True, legacy_mode=legacy_mode, mesh_shape=(10, 10)
    )


def main():
    upstream_dpl = None
    if "--upstream-dpl" in sys.argv:
        upstream_dpl = sys.argv[sys.argv.index("--upstream-dpl") + 1]
    hnnref.install_raw_dipole_hook()
    shutil.copyfile(default_json_path(), os.path.join(OUT, "default.json"))

    # legacy_mode=False: structure only
    net_nl = build(legacy_mode=False)
    hnnref.write_network_summaries(OUT, net_nl, prefix="nonlegacy_")
    net_nl._instantiate_drives(tstop=170.0, n_trials=1)  # events as simulate_dipole makes them
    hnnref.write_json(os.path.join(OUT, "nonlegacy_drives.json"), hnnref.drives_record(net_nl))

    net = build(legacy_mode=True)
    dpls, summary = hnnref.simulate_and_record(net, OUT, tstop=170.0)
    hnnref.write_json(os.path.join(OUT, "drives.json"), hnnref.drives_record(net))
    hnnref.write_json(os.path.join(OUT, "external_biases.json"), hnnref.external_biases(net))
    hnnref.write_json(os.path.join(OUT, "connectivity_summary.json"), hnnref.connectivity_summary(net))

    dpl = dpls[0].smooth(30).scale(3000)
    dpl.write(os.path.join(OUT, "dpl.txt"))

    counts = hnnref.spike_counts_by_type(net)
    diff = {
        k: [counts.get(k), UPSTREAM_COUNTS.get(k)]
        for k in sorted(set(counts) | set(UPSTREAM_COUNTS))
        if counts.get(k) != UPSTREAM_COUNTS.get(k)
    }
    hnnref.write_json(
        os.path.join(OUT, "spike_counts.json"),
        {"counts": counts, "upstream_test_expects": UPSTREAM_COUNTS,
         "differences_ours_vs_upstream": diff},
    )
    print("[regression] spike counts:", counts)
    print("[regression] differences (ours, upstream):", diff or "none")
    print(f"[regression] simulate_dipole wall {summary['simulate_dipole_wall_s']:.2f} s")

    if upstream_dpl:
        ours = np.loadtxt(os.path.join(OUT, "dpl.txt"))
        theirs = np.loadtxt(upstream_dpl)
        for col, name in ((1, "agg"), (2, "L2"), (3, "L5")):
            n_diff = int(np.sum(ours[:, col] != theirs[:, col]))
            max_abs = float(np.max(np.abs(ours[:, col] - theirs[:, col])))
            print(f"[regression] dpl.txt vs upstream {name}: {n_diff} rows differ, max |diff| {max_abs}")


if __name__ == "__main__":
    main()
