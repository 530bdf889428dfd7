"""HNN-core's two other network models with their standard drives, n_trials=1, dt=0.025:

- law_2021_beta_erp: law_2021_model() + the beta bursty drives and the ERP drives of
  examples/workflows/plot_simulate_beta.py (beta_start 50, stimulus_start 125), tstop=400.
- law_2021_erp: law_2021_model() + add_erp_drives_to_jones_model, tstop=170.
- calcium_erp: calcium_model() + add_erp_drives_to_jones_model, tstop=170.

Also dumps each model's L5 pyramidal per-segment conductances and its connectivity list.
"""

import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

import common  # noqa: E402
from hnn_core import simulate_dipole, law_2021_model, calcium_model  # noqa: E402
from hnn_core.network_models import add_erp_drives_to_jones_model  # noqa: E402

warnings.simplefilter("ignore", DeprecationWarning)
OUT = common.ensure_dir(os.path.join(common.REF_ROOT, "models"))
common.install_raw_dipole_hook()


def beta_example_erp(net, stimulus_start):
    net.add_evoked_drive(
        "evdist1", mu=70.0 + stimulus_start, sigma=0.0, numspikes=1,
        weights_ampa={"L2_basket": 0.0005, "L2_pyramidal": 0.004, "L5_pyramidal": 0.0005},
        weights_nmda={"L2_basket": 0.0005, "L2_pyramidal": 0.004, "L5_pyramidal": 0.0005},
        location="distal", synaptic_delays={"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_pyramidal": 0.1},
        event_seed=274)
    prox_delays = {"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}
    net.add_evoked_drive(
        "evprox1", mu=25.0 + stimulus_start, sigma=0.0, numspikes=1,
        weights_ampa={"L2_basket": 0.002, "L2_pyramidal": 0.0011, "L5_basket": 0.001, "L5_pyramidal": 0.001},
        weights_nmda=None, location="proximal", synaptic_delays=prox_delays, event_seed=544)
    net.add_evoked_drive(
        "evprox2", mu=135.0 + stimulus_start, sigma=0.0, numspikes=1,
        weights_ampa={"L2_basket": 0.005, "L2_pyramidal": 0.005, "L5_basket": 0.01, "L5_pyramidal": 0.01},
        location="proximal", synaptic_delays=prox_delays, event_seed=814)


def beta_example_beta(net, beta_start):
    net.add_bursty_drive(
        "beta_dist", tstart=beta_start, tstart_std=0.0, tstop=beta_start + 50.0,
        burst_rate=1.0, burst_std=10.0, numspikes=2, spike_isi=10, n_drive_cells=10,
        location="distal", weights_ampa={"L2_basket": 0.00032, "L2_pyramidal": 0.00008, "L5_pyramidal": 0.00004},
        synaptic_delays={"L2_basket": 0.5, "L2_pyramidal": 0.5, "L5_pyramidal": 0.5}, event_seed=290)
    net.add_bursty_drive(
        "beta_prox", tstart=beta_start, tstart_std=0.0, tstop=beta_start + 50.0,
        burst_rate=1.0, burst_std=20.0, numspikes=2, spike_isi=10, n_drive_cells=10,
        location="proximal",
        weights_ampa={"L2_basket": 0.00004, "L2_pyramidal": 0.00002, "L5_basket": 0.00002, "L5_pyramidal": 0.00002},
        synaptic_delays={"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0},
        event_seed=300)


def dump_model(net, d):
    cell = net.cell_types["L5_pyramidal"]["cell_object"]
    rows = []
    for sec_name, sec in cell.sections.items():
        for mech, params in sec.mechs.items():
            for attr, val in params.items():
                if callable(val):
                    dist = cell.distance_section(sec_name, ("soma", 0))
                    xs = np.linspace(0, 1, sec.nseg * 2 + 1)[1::2]
                    vals = [val(dist - sec.L / 2 + x * sec.L) for x in xs]
                elif isinstance(val, list):
                    vals = val[1]
                else:
                    vals = [val] * sec.nseg
                for k, v in enumerate(vals):
                    rows.append((sec_name, mech, attr, k, v))
    with open(os.path.join(d, "l5_pyramidal_mechanisms.csv"), "w") as f:
        f.write("section,mechanism,parameter,segment,value\n")
        for r in rows:
            f.write(f"{r[0]},{r[1]},{r[2]},{r[3]},{common.fmt(r[4])}\n")
    conns = []
    for c in net.connectivity:
        nc = c["nc_dict"]
        conns.append({"src_type": c["src_type"], "target_type": c["target_type"], "loc": c["loc"],
                      "receptor": c["receptor"], "A_weight": nc["A_weight"], "A_delay": nc["A_delay"],
                      "lamtha": nc["lamtha"], "allow_autapses": c["allow_autapses"],
                      "n_pairs": sum(len(v) for v in c["gid_pairs"].values())})
    syn = {ct: net.cell_types[ct]["cell_object"].synapses for ct in net.cell_types}
    common.write_json(os.path.join(d, "model.json"), {"connectivity": conns, "synapses": syn})


def run(label, make, add, tstop):
    d = common.ensure_dir(os.path.join(OUT, label))
    common.RAW_DIPOLES.clear()
    net = make()
    add(net)
    dpls = simulate_dipole(net, tstop=tstop, n_trials=1)
    dump_model(net, d)
    cr = net.cell_response
    common.write_spikes_csv(os.path.join(d, "spikes_trial0.csv"), cr.spike_times[0], cr.spike_gids[0], cr.spike_types[0])
    common.write_dipole_csv(os.path.join(d, "dipole_trial0.csv"), dpls[0].times, dpls[0].data)
    common.write_drive_events_csv(os.path.join(d, "drive_events.csv"), net, trial_idx=None)
    common.write_json(os.path.join(d, "summary.json"), {
        "tstop": tstop, "dt": 0.025, "n_trials": 1, "gid_ranges": common.gid_ranges_dict(net),
        "spike_counts": common.spike_counts(net, 0), "versions": common.versions()})
    print(f"[reference] {label}: {common.spike_counts(net, 0)}", flush=True)


if __name__ == "__main__":
    only = sys.argv[1:]
    cases = {
        "law_2021_beta_erp": (law_2021_model, lambda n: (beta_example_beta(n, 50.0), beta_example_erp(n, 125.0)), 400.0),
        "law_2021_erp": (law_2021_model, add_erp_drives_to_jones_model, 170.0),
        "calcium_erp": (calcium_model, add_erp_drives_to_jones_model, 170.0),
    }
    for label, (make, add, tstop) in cases.items():
        if not only or label in only:
            run(label, make, add, tstop)
