#!/usr/bin/env python3
"""Makes the reference numbers for DipoleRmse and the FFT resampler, and the example ERP target.

Run from anywhere:  python3 tests/data/rmse/make_rmse_reference.py [--hnn-core DIR]

Needs numpy and scipy (Debian: python3-numpy python3-scipy). With --hnn-core DIR (a checkout of
HNN-core v0.6.1, DIR holding the hnn_core/ package folder) the RMSE values come from HNN-core's
own private function hnn_core.dipole._rmse; NEURON, h5io and matplotlib are not needed for that
(the two modules dipole.py imports but this script never uses are replaced by empty stand-ins).
Without --hnn-core the values come from rmse_from_facts below (docs/dev/dipole.md §8), and when
both are available the script checks that they agree.

Writes, beside this script:
  series.csv      input series (name, time, value), values at full precision
  cases.csv       one RMSE case per row: simulated series, target series, tstart, tstop
                  (empty = not given), the slice lengths and the RMSE
  resample.json   inputs and outputs of scipy.signal.resample (real input, FFT method)
and examples/data/erp_target.txt (see examples/data/README.md).
"""
import argparse
import csv
import gzip
import json
import os
import sys
import types

import numpy as np
import scipy
from scipy import signal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
ERP_SMOOTHED = os.path.join(ROOT, "tests", "data", "erp_run", "dipole_smooth30_scale3000_trial0.csv.gz")
ERP_TARGET = os.path.join(ROOT, "examples", "data", "erp_target.txt")


def load_hnn_core_rmse(checkout):
    """hnn_core.dipole._rmse from a v0.6.1 checkout, without running the package's __init__."""
    sys.modules["h5io"] = types.SimpleNamespace(write_hdf5=None, read_hdf5=None)
    sys.modules["hnn_core.viz"] = types.SimpleNamespace(plot_dipole=None, plot_psd=None, plot_tfr_morlet=None)
    package = types.ModuleType("hnn_core")
    package.__path__ = [os.path.join(checkout, "hnn_core")]
    sys.modules["hnn_core"] = package
    import hnn_core.dipole as dipole_module  # noqa: E402

    def rmse(sim_t, sim_x, exp_t, exp_x, tstart, tstop):
        sim = dipole_module.Dipole(sim_t, np.asarray(sim_x))
        exp = dipole_module.Dipole(exp_t, np.asarray(exp_x))
        return float(dipole_module._rmse(sim, exp, tstart=tstart, tstop=tstop))

    return rmse


def rmse_from_facts(sim_t, sim_x, exp_t, exp_x, tstart, tstop):
    """The same RMSE written from the documented rules, to cross-check the stored numbers."""
    for times in (exp_t, sim_t):
        tstart = max(tstart, times[0])
        tstop = min(tstop, times[-1])
    e0, e1 = (int(np.argmin(np.abs(exp_t - v))) for v in (tstart, tstop))
    s0, s1 = (int(np.argmin(np.abs(sim_t - v))) for v in (tstart, tstop))
    a, b = np.asarray(sim_x[s0:s1], float), np.asarray(exp_x[e0:e1], float)
    w = np.ones(s1 - s0)
    if len(a) > len(b):
        a = signal.resample(a, len(b))
        w = signal.resample(w, len(b))
        w[w < 1e-4] = 0
    elif len(a) < len(b):
        b = signal.resample(b, len(a))
    return float(np.sqrt((w * (a - b) ** 2).sum() / w.sum()))


def slice_lengths(sim_t, exp_t, tstart, tstop):
    for times in (exp_t, sim_t):
        tstart = max(tstart, times[0])
        tstop = min(tstop, times[-1])
    idx = lambda t, v: int(np.argmin(np.abs(t - v)))
    return idx(sim_t, tstop) - idx(sim_t, tstart), idx(exp_t, tstop) - idx(exp_t, tstart)


def grid(t0, dt, n):
    return t0 + dt * np.arange(n)


def synthetic_series():
    """Gaussian bumps plus a step and a slow drift: not periodic, so resampling's edge effects count."""
    def wave(t, phase):
        return (40 * np.exp(-((t - 25 - phase) / 6) ** 2) - 25 * np.exp(-((t - 55 + phase) / 9) ** 2)
                + 3 * np.sin(t / 3.7 + phase) + 0.05 * t + 5 * (t > 70))
    series = {
        "A_0.5ms_0-100": (grid(0.0, 0.5, 201), 0.0),
        "B_0.1ms_0-100": (grid(0.0, 0.1, 1001), 0.7),
        "C_0.25ms_10-60": (grid(10.0, 0.25, 201), 1.3),
        "D_0.25ms_0-50": (grid(0.0, 0.25, 201), -0.4),
        "E_0.3ms_2-89.9": (grid(2.0, 0.3, 294), 0.2),
        "F_1ms_0-169": (grid(0.0, 1.0, 170), 0.0),
        "G_0.7ms_0-99.4": (grid(0.0, 0.7, 143), -1.1),
    }
    return {name: (t, wave(t, phase)) for name, (t, phase) in series.items()}


def read_erp_smoothed():
    with gzip.open(ERP_SMOOTHED, "rt") as f:
        rows = list(csv.DictReader(f))
    return np.array([float(r["time"]) for r in rows]), np.array([float(r["agg"]) for r in rows])


def write_erp_target(t, agg):
    """Every 40th sample (1 ms at dt = 0.025 ms) of the smoothed, scaled ERP agg, in HNN-core's text format."""
    os.makedirs(os.path.dirname(ERP_TARGET), exist_ok=True)
    tmp = ERP_TARGET + ".tmp"
    with open(tmp, "w") as f:
        for k in range(0, len(t), 40):
            f.write("%3.3f\t%5.4f\n" % (t[k], agg[k]))
    os.replace(tmp, ERP_TARGET)
    data = np.loadtxt(ERP_TARGET)
    return data[:, 0], data[:, 1]


# (case, simulated, target, tstart, tstop, what it checks); None = not given (±inf to HNN-core).
CASES = [
    ("erp_vs_target_even_down", "erp_smooth30_scale3000", "erp_target", 0.0, 170.0, "sim longer: 6800 -> 170 samples (even)"),
    ("erp_vs_target_defaults", "erp_smooth30_scale3000", "erp_target", None, None, "no window given: both ranges' overlap"),
    ("erp_vs_F_odd_down", "erp_smooth30_scale3000", "F_1ms_0-169", 0.0, 170.0, "tstop clipped to the target's 169: 6760 -> 169 (odd)"),
    ("erp_window_off_grid", "erp_smooth30_scale3000", "erp_target", 20.3, 80.7, "nearest index on both grids"),
    ("A_vs_B_target_down_even", "A_0.5ms_0-100", "B_0.1ms_0-100", 0.0, 100.0, "sim shorter: target 1000 -> 200"),
    ("A_vs_B_target_down_odd", "A_0.5ms_0-100", "B_0.1ms_0-100", 3.0, 97.5, "target 945 -> 189 (odd)"),
    ("B_vs_A_sim_down_even", "B_0.1ms_0-100", "A_0.5ms_0-100", 0.0, 100.0, "sim longer: 1000 -> 200"),
    ("C_vs_D_equal_clipped", "C_0.25ms_10-60", "D_0.25ms_0-50", -5.0, 500.0, "clipped to 10..50 on both: equal lengths so no resampling"),
    ("D_vs_C_equal_defaults", "D_0.25ms_0-50", "C_0.25ms_10-60", None, None, "defaults: 10..50"),
    ("E_vs_A_sim_down_odd", "E_0.3ms_2-89.9", "A_0.5ms_0-100", 0.0, 100.0, "clipped to 2..89.9: sim 293 -> 176"),
    ("A_vs_E_target_down", "A_0.5ms_0-100", "E_0.3ms_2-89.9", 0.0, 100.0, "clipped: target 293 -> 176"),
    ("G_vs_E_odd_odd", "G_0.7ms_0-99.4", "E_0.3ms_2-89.9", 11.11, 77.77, "sim shorter: target 223 -> 95 (odd to odd)"),
    ("A_vs_B_tie_midpoint", "A_0.5ms_0-100", "B_0.1ms_0-100", 10.25, 60.75, "tstart/tstop half-way between sim samples: argmin keeps the first"),
    ("B_vs_G_mixed", "B_0.1ms_0-100", "G_0.7ms_0-99.4", 0.0, 99.4, "sim 994 -> 142"),
]

# scipy.signal.resample cases: (input length, output length).
RESAMPLE = [(7, 4), (8, 5), (8, 4), (9, 3), (9, 6), (10, 10), (5, 12), (6, 9), (6, 13), (4, 8),
            (1, 3), (2, 1), (3, 1), (1000, 37), (1000, 200), (37, 1000), (600, 15), (201, 176)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hnn-core", help="an HNN-core v0.6.1 checkout (the folder holding hnn_core/)")
    args = parser.parse_args()
    hnn_rmse = load_hnn_core_rmse(args.hnn_core) if args.hnn_core else None

    series = synthetic_series()
    erp_t, erp_agg = read_erp_smoothed()
    target_t, target_agg = write_erp_target(erp_t, erp_agg)
    inputs = dict(series)
    inputs["erp_smooth30_scale3000"] = (erp_t, erp_agg)
    inputs["erp_target"] = (target_t, target_agg)

    with open(os.path.join(HERE, "series.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "time", "value"])
        for name, (t, x) in series.items():
            for tk, xk in zip(t, x):
                w.writerow([name, repr(float(tk)), repr(float(xk))])

    source = "hnn_core.dipole._rmse (v0.6.1)" if hnn_rmse else "rmse_from_facts"
    worst = 0.0
    with open(os.path.join(HERE, "cases.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "simulated", "target", "tstart", "tstop", "sim_length", "target_length", "rmse", "source", "checks"])
        for case, sim, tgt, tstart, tstop, note in CASES:
            (st, sx), (et, ex) = inputs[sim], inputs[tgt]
            a = -np.inf if tstart is None else tstart
            b = np.inf if tstop is None else tstop
            facts = rmse_from_facts(st, sx, et, ex, a, b)
            value = hnn_rmse(st, sx, et, ex, a, b) if hnn_rmse else facts
            worst = max(worst, abs(value - facts) / abs(value))
            ls, le = slice_lengths(st, et, a, b)
            w.writerow([case, sim, tgt, "" if tstart is None else repr(tstart), "" if tstop is None else repr(tstop),
                        ls, le, repr(value), source, note])
            print(f"{case:28s} sim {ls:5d} target {le:5d}  rmse {value:.17g}")
    if hnn_rmse:
        print(f"HNN-core's _rmse vs rmse_from_facts: largest relative difference {worst:.3g}")
        assert worst <= 1e-13, "the documented rules do not reproduce HNN-core's _rmse"

    resample = []
    for n_in, n_out in RESAMPLE:
        t = np.arange(n_in, dtype=float)
        x = np.cos(0.37 * t) + 0.5 * np.sin(1.9 * t + 0.3) + 0.01 * t * t / max(n_in, 1) - 0.2
        resample.append({"num": n_out, "input": [float(v) for v in x],
                         "output": [float(v) for v in signal.resample(x, n_out)]})
    with open(os.path.join(HERE, "resample.json"), "w") as f:
        json.dump({"generator": f"scipy {scipy.__version__} signal.resample, numpy {np.__version__}",
                   "cases": resample}, f)
        f.write("\n")
    print(f"wrote series.csv, cases.csv, resample.json ({source}) and {os.path.relpath(ERP_TARGET, ROOT)}")


if __name__ == "__main__":
    main()
