"""Network configuration files (write_network_configuration) with NEURON results.

All networks: jones_2009_model(mesh_shape=(5, 5)), simulate_dipole(tstop=170,
dt=0.025, n_trials=1).  Every file is written BEFORE simulating (simulate_dipole
fills in None stop times of drives and biases in the network it is given).

  erp/            ERP drives; simulated read-back (readback/) and in-memory (in_memory/)
  bias_conns/     two tonic biases, two extra connections, a Poisson and a bursty drive
  spike_train/    evdist1 + a spike-train drive; HNN-core cannot read the file back
  edited_cell/    erp/net.json with L5_pyramidal soma gbar_km x3, read back + simulated
  edited_geometry/ erp/net.json with L5_pyramidal apical_tuft L 425 -> 500
  bad/            three broken files and what HNN-core says about each

Usage: python3 make_configs.py [case ...]   (default: all cases, in the order above)
"""

import json
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import hnnref  # noqa: E402

import numpy as np  # noqa: E402
from hnn_core import (  # noqa: E402
    jones_2009_model, read_network_configuration, simulate_dipole, write_network_configuration,
)
from hnn_core.network_models import add_erp_drives_to_jones_model  # noqa: E402

OUT = os.path.dirname(os.path.abspath(__file__))
MESH = (5, 5)
TSTOP = 170.0


def path(*parts):
    return os.path.join(OUT, *parts)


def record_run(net, folder, label):
    """Simulate, write the usual outputs plus drives.json; print counts and wall time."""
    _, summary = hnnref.simulate_and_record(net, folder, tstop=TSTOP)
    hnnref.write_json(os.path.join(folder, "drives.json"), hnnref.drives_record(net))
    print(f"[configs] {label}: wall {summary['simulate_dipole_wall_s']:.2f} s, counts {summary['spike_counts']}")
    return summary


def compare_runs(folder_a, folder_b, cell_types):
    """Spike and raw-dipole agreement of two recorded runs."""
    def cells_only(rows):
        return [r for r in rows if r[2] in cell_types]

    sa = hnnref.read_spikes_csv(os.path.join(folder_a, "spikes_trial0.csv"))
    sb = hnnref.read_spikes_csv(os.path.join(folder_b, "spikes_trial0.csv"))
    da = np.loadtxt(os.path.join(folder_a, "dipole_neuron_raw_fAm_trial0.csv"), delimiter=",", skiprows=1)
    db = np.loadtxt(os.path.join(folder_b, "dipole_neuron_raw_fAm_trial0.csv"), delimiter=",", skiprows=1)
    with open(os.path.join(folder_a, "drive_events_trial0.csv")) as f:
        ea = f.read()
    with open(os.path.join(folder_b, "drive_events_trial0.csv")) as f:
        eb = f.read()
    def counts(rows):
        out = {}
        for _, _, typ in rows:
            out[typ] = out.get(typ, 0) + 1
        return out

    ca, cb = counts(sa), counts(sb)
    return {
        "spikes_identical": sa == sb,
        "counts_by_type": {t: [ca.get(t, 0), cb.get(t, 0)] for t in sorted(set(ca) | set(cb))},
        "cell_spikes": hnnref.spike_diff(cells_only(sa), cells_only(sb)),
        "n_cell_spikes": [len(cells_only(sa)), len(cells_only(sb))],
        "drive_events_identical": ea == eb,
        "raw_dipole_max_abs_diff_fAm": float(np.max(np.abs(da - db))) if da.shape == db.shape else None,
    }


def jones():
    return jones_2009_model(mesh_shape=MESH)


# ---------------------------------------------------------------------------
def case_erp():
    d = hnnref.ensure_dir(path("erp"))
    net = jones()
    add_erp_drives_to_jones_model(net)
    write_network_configuration(net, os.path.join(d, "net.json"))
    back = read_network_configuration(os.path.join(d, "net.json"))
    equal_before = bool(back == net)
    same_conn = hnnref.connectivity_summary(back) == hnnref.connectivity_summary(net)
    record_run(net, os.path.join(d, "in_memory"), "erp in-memory")
    record_run(back, os.path.join(d, "readback"), "erp read-back")
    cmp = compare_runs(os.path.join(d, "in_memory"), os.path.join(d, "readback"), list(net.cell_types))
    cmp["networks_equal_before_simulation"] = equal_before
    cmp["connectivity_summary_equal"] = same_conn
    hnnref.write_json(os.path.join(d, "readback_vs_in_memory.json"), cmp)
    print("[configs] erp read-back vs in-memory:", cmp)


def case_bias_conns():
    d = hnnref.ensure_dir(path("bias_conns"))
    net = jones()
    # bias 'tonic': two cell types sharing t0/tstop; bias 'late': no stop time (null)
    net.add_tonic_bias(amplitude={"L5_pyramidal": 0.5, "L2_pyramidal": 0.05}, t0=20.0, tstop=120.0)
    net.add_tonic_bias(amplitude={"L5_basket": 0.1}, t0=100.0, tstop=None, bias_name="late")
    net.add_connection("L2_basket", "L5_pyramidal", "distal", "gabaa",
                       weight=0.002, delay=1.0, lamtha=50.0, probability=1.0)
    net.add_connection("L5_pyramidal", "L2_basket", "soma", "ampa",
                       weight=0.0008, delay=2.5, lamtha=10.0, probability=1.0)
    net.add_poisson_drive(
        "poisson1", tstart=30.0, tstop=150.0,
        rate_constant={"L2_basket": 20.0, "L5_pyramidal": 10.0},
        location="proximal", cell_specific=True,
        weights_ampa={"L2_basket": 0.002, "L5_pyramidal": 0.0008},
        weights_nmda={"L5_pyramidal": 0.0002},
        synaptic_delays={"L2_basket": 0.1, "L5_pyramidal": 1.0},
        space_constant=50.0, event_seed=1234, conn_seed=7,
    )
    net.add_bursty_drive(
        "bursty1", tstart=40.0, tstart_std=4.0, tstop=160.0, burst_rate=12.0, burst_std=3.0,
        numspikes=2, spike_isi=10, location="distal", n_drive_cells=5, cell_specific=False,
        weights_ampa={"L2_pyramidal": 0.0008, "L5_pyramidal": 0.0006},
        weights_nmda={"L2_pyramidal": 0.0004},
        synaptic_delays=0.1, space_constant=100.0, event_seed=77, conn_seed=11,
    )
    write_network_configuration(net, os.path.join(d, "net.json"))
    back = read_network_configuration(os.path.join(d, "net.json"))
    check = {
        "networks_equal_before_simulation": bool(back == net),
        "connectivity_summary_equal": hnnref.connectivity_summary(back) == hnnref.connectivity_summary(net),
        # before simulating: simulate_dipole replaces a None tstop by its own tstop
        "external_biases_as_read": hnnref.external_biases(back),
    }
    summary = record_run(back, os.path.join(d, "readback"), "bias_conns read-back")
    check["external_biases_after_simulate_dipole"] = hnnref.external_biases(back)
    check["spike_counts"] = summary["spike_counts"]
    hnnref.write_json(os.path.join(d, "readback_check.json"), check)
    equal_before = check["networks_equal_before_simulation"]
    print("[configs] bias_conns read-back equal to written network:", equal_before)


SPIKE_TRAIN = {  # 5 sources, spike times in ms
    "src0": [22.0, 61.5, 118.25],
    "src1": [35.5, 80.0],
    "src2": [47.125, 92.0, 140.0],
    "src3": [55.0],
    "src4": [70.75, 101.5, 128.0, 150.0],
}


def spike_train_network():
    net = jones()
    net.add_evoked_drive(  # evdist1 exactly as add_erp_drives_to_jones_model adds it
        "evdist1", mu=63.53, sigma=3.85, numspikes=1, location="distal", event_seed=274,
        weights_ampa={"L2_basket": 0.006562, "L2_pyramidal": 7e-6, "L5_pyramidal": 0.142300},
        weights_nmda={"L2_basket": 0.019482, "L2_pyramidal": 0.004317, "L5_pyramidal": 0.080074},
        synaptic_delays={"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_pyramidal": 0.1},
    )
    net.add_spike_train_drive(
        "train1", spike_data=SPIKE_TRAIN, location="proximal",
        weights_ampa={"L5_pyramidal": 0.004, "L2_pyramidal": 0.003},
        synaptic_delays={"L5_pyramidal": 1.0, "L2_pyramidal": 0.1},
        space_constant=3.0,
        conn_seed=5,  # the default None fails in v0.6.1 (None + int in _attach_drive)
    )
    return net


def case_spike_train():
    d = hnnref.ensure_dir(path("spike_train"))
    net = spike_train_network()
    fname = os.path.join(d, "net.json")
    write_network_configuration(net, fname)
    with open(fname) as f:
        stored = json.load(f)["external_drives"]["train1"]
    try:
        read_network_configuration(fname)
        error = None
    except Exception as exc:  # noqa: BLE001 - we record whatever HNN-core raises
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        error = {"type": type(exc).__name__, "message": str(exc),
                 "raised_in": f"hnn_core/{os.path.basename(frame.filename)}:{frame.name}",
                 "statement": frame.line}
    record_run(net, os.path.join(d, "in_memory"), "spike_train in-memory")
    hnnref.write_json(os.path.join(d, "readback_error.json"), {
        "read_network_configuration_error": error,
        "stored_drive_record": stored,
        "spike_data_given": SPIKE_TRAIN,
    })
    print("[configs] spike_train read-back error:", error and (error["type"], error["message"]))


def edit_json(src, dst, edit, description):
    """Copy src to dst with one value changed; the file is re-dumped the way
    write_network_configuration dumps it so only the edited line differs."""
    with open(src, encoding="utf-8") as f:
        text = f.read()
    data = json.loads(text)
    old, new = edit(data)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=4)
    with open(dst, encoding="utf-8") as f:
        new_text = f.read()
    changed = [(i + 1, a, b) for i, (a, b) in
               enumerate(zip(text.splitlines(), new_text.splitlines())) if a != b]
    assert len(text.splitlines()) == len(new_text.splitlines()) and len(changed) == 1, changed
    return {"edit": description, "old": old, "new": new,
            "line": changed[0][0], "old_line": changed[0][1].strip(), "new_line": changed[0][2].strip()}


def case_edited(name, edit, description):
    d = hnnref.ensure_dir(path(name))
    info = edit_json(path("erp", "net.json"), os.path.join(d, "net.json"), edit, description)
    back = read_network_configuration(os.path.join(d, "net.json"))
    record_run(back, os.path.join(d, "readback"), f"{name} read-back")
    cmp = compare_runs(path("erp", "readback"), os.path.join(d, "readback"), list(back.cell_types))
    info["vs_erp_readback"] = cmp
    sec = back.cell_types["L5_pyramidal"]["cell_object"].sections
    info["L5_pyramidal_section_after_read"] = {
        s: {"L": sec[s].L, "nseg": sec[s].nseg} for s in ("soma", "apical_tuft")
    }
    info["L5_pyramidal_apical_tuft_gbar_ar_as_built"] = tuft_gbar_ar_as_built(back)
    hnnref.write_json(os.path.join(d, "edit.json"), info)
    print(f"[configs] {name}: {description}; vs erp: {cmp}")


def tuft_gbar_ar_as_built(net):
    """(x, gbar_ar) of every apical_tuft segment of one L5_pyramidal as NEURON
    holds it after Cell.build (run after simulating: the cell is a copy)."""
    cell = net.cell_types["L5_pyramidal"]["cell_object"].copy()
    cell.build(sec_name_apical="apical_trunk")
    return [[float(seg.x), float(seg.gbar_ar)] for seg in cell._nrn_sections["apical_tuft"]]


def edit_gbar_km(data):
    mech = data["cell_types"]["L5_pyramidal"]["cell_object"]["sections"]["soma"]["mechs"]["km"]
    old = mech["gbar_km"]
    mech["gbar_km"] = old * 3
    return old, mech["gbar_km"]


def edit_tuft_length(data):
    sec = data["cell_types"]["L5_pyramidal"]["cell_object"]["sections"]["apical_tuft"]
    old = sec["L"]
    sec["L"] = 500.0
    return old, sec["L"]


# ---------------------------------------------------------------------------
def case_bad():
    """Three broken files built from a small 3x3 network without drives."""
    d = hnnref.ensure_dir(path("bad"))
    base = os.path.join(d, "_base.json")
    write_network_configuration(jones_2009_model(mesh_shape=(3, 3)), base)
    with open(base, encoding="utf-8") as f:
        good = json.load(f)
    os.remove(base)

    def wrong_object_type(data):
        data["object_type"] = "Dipole"
        return "object_type 'Network' -> 'Dipole'"

    def missing_key(data):
        del data["cell_types"]["L5_pyramidal"]["cell_object"]["sections"]["apical_tuft"]["diam"]
        return "cell_types.L5_pyramidal.cell_object.sections.apical_tuft.diam removed"

    def segment_list_length(data):
        gbar = data["cell_types"]["L5_pyramidal"]["cell_object"]["sections"]["apical_tuft"]["mechs"]["ar"]["gbar_ar"]
        gbar[1] = gbar[1][:-1]  # 9 segment positions, 8 values (nseg 9)
        return "cell_types.L5_pyramidal.cell_object.sections.apical_tuft.mechs.ar.gbar_ar: values list 9 -> 8 (positions list still 9, nseg 9)"

    results = {}
    for fname, breaker in (("wrong_object_type.json", wrong_object_type),
                           ("missing_key.json", missing_key),
                           ("segment_list_length.json", segment_list_length)):
        data = json.loads(json.dumps(good))
        what = breaker(data)
        fpath = os.path.join(d, fname)
        with open(fpath, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=4)
        res = {"broken": what}
        try:
            net = read_network_configuration(fpath)
            res["read"] = "no error"
            try:  # does building/simulating notice?
                simulate_dipole(net, tstop=5.0, n_trials=1)
                res["simulate_5ms"] = "no error"
                res["L5_pyramidal_apical_tuft_gbar_ar_as_built"] = tuft_gbar_ar_as_built(net)
            except Exception as exc:  # noqa: BLE001
                res["simulate_5ms"] = f"{type(exc).__name__}: {exc}"
        except Exception as exc:  # noqa: BLE001
            res["read"] = f"{type(exc).__name__}: {exc}"
        results[fname] = res
        print(f"[configs] bad/{fname}: {res}")
    hnnref.write_json(os.path.join(d, "errors.json"), results)


CASES = {
    "erp": case_erp,
    "bias_conns": case_bias_conns,
    "spike_train": case_spike_train,
    "edited_cell": lambda: case_edited("edited_cell", edit_gbar_km, "L5_pyramidal soma km gbar_km x3 (200 -> 600)"),
    "edited_geometry": lambda: case_edited("edited_geometry", edit_tuft_length, "L5_pyramidal apical_tuft L 425 -> 500 (end_pts unchanged)"),
    "bad": case_bad,
}


if __name__ == "__main__":
    hnnref.install_raw_dipole_hook()
    for name in sys.argv[1:] or list(CASES):
        t0 = time.perf_counter()
        CASES[name]()
        print(f"[configs] case {name} done in {time.perf_counter() - t0:.1f} s")
