#!/usr/bin/env python3
"""Makes the reference numbers for MorletTfr (docs/dev/spectra.md §6).

Run from anywhere, with HNN-core v0.6.1 and mne importable (Debian's python3-mne, 1.3.0):

  PYTHONPATH=<hnn-core checkout>:<h5io checkout> python3 tests/data/spectra/make_tfr_reference.py

Inputs: the raw ERP dipole of tests/data/erp_run/ (trial 0) and the three synthetic trials of
trials.csv (written by make_spectra_reference.py; read here, not remade).

Each case calls HNN-core's viz.plot_tfr_morlet and reads the power back from the heatmap it
draws (the trial mean of mne's tfr_array_morlet power, padded and cropped as HNN-core does).

Writes, beside this script (floats as Python's repr, i.e. exactly):
  tfr_cases.csv     case, input, layer, tmin, tmax (empty = None), decim (empty = None,
                    ';'-separated for successive factors), padding, freqs (';'-separated),
                    n_cycles (one value, or one per frequency), time_stride (every how many
                    output times tfr_<case>.csv keeps), n_times (output times before thinning),
                    error (HNN-core's exception message when the call fails; then no CSV)
  tfr_<case>.csv    time (ms), then one power column per frequency (named by the frequency)
"""
import csv
import gzip
import os

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from hnn_core.dipole import Dipole  # noqa: E402
from hnn_core.viz import plot_tfr_morlet  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
ERP_RAW = os.path.join(ROOT, "tests", "data", "erp_run", "dipole_trial0.csv.gz")


def read_erp():
    with gzip.open(ERP_RAW, "rt") as f:
        rows = list(csv.DictReader(f))
    times = np.array([float(r["time"]) for r in rows])
    data = np.array([[float(r[c]) for c in ("agg", "L2", "L5")] for r in rows])
    return [Dipole(times, data)]


def read_trials():
    with open(os.path.join(HERE, "trials.csv")) as f:
        rows = list(csv.DictReader(f))
    out = []
    for k in sorted({int(r["trial"]) for r in rows}):
        mine = [r for r in rows if int(r["trial"]) == k]
        times = np.array([float(r["time"]) for r in mine])
        data = np.array([[float(r[c]) for c in ("agg", "L2", "L5")] for r in mine])
        out.append(Dipole(times, data))
    return out


ERP_F = np.arange(25.0, 60.0, 5.0)
BRIEF_F = np.arange(10.0, 60.0, 5.0)
TRIAL_F = np.arange(20.0, 100.0, 10.0)

# name, input, layer, tmin, tmax, decim, padding, freqs, n_cycles, time_stride
CASES = [
    ("erp_n7", "erp_raw", "agg", None, None, None, "zeros", ERP_F, 7.0, 10),
    ("erp_f4", "erp_raw", "agg", None, None, None, "zeros", BRIEF_F, BRIEF_F / 4.0, 10),
    ("erp_n7_decim10", "erp_raw", "agg", None, None, 10, "zeros", ERP_F, 7.0, 1),
    ("erp_f4_decim10", "erp_raw", "agg", None, None, 10, "zeros", BRIEF_F, BRIEF_F / 4.0, 1),
    ("erp_n7_decim2x5", "erp_raw", "agg", None, None, [2, 5], "zeros", ERP_F, 7.0, 1),
    # The brief's first guesses: wavelets longer than a 170 ms dipole (even padded) -> mne refuses.
    ("erp_n7_10hz", "erp_raw", "agg", None, None, None, "zeros", BRIEF_F, 7.0, 1),
    ("erp_f2", "erp_raw", "agg", None, None, None, "zeros", BRIEF_F, BRIEF_F / 2.0, 1),
    ("trials_l2_window", "trials", "L2", 20.3, 180.0, None, "zeros", TRIAL_F, 5.0, 1),
    ("trials_agg_mirror", "trials", "agg", None, None, None, "mirror", TRIAL_F, TRIAL_F / 4.0, 1),
    ("trials_l5_nopad_decim3", "trials", "L5", None, None, 3, None, TRIAL_F[::-1][:4], 3.0, 1),
]


def power_of(dpls, layer, tmin, tmax, decim, padding, freqs, n_cycles):
    """The heatmap plot_tfr_morlet draws: its times (x centres) and the power (n_freqs, n_times)."""
    fig, ax = plt.subplots()
    plot_tfr_morlet(dpls, freqs, n_cycles=n_cycles, tmin=tmin, tmax=tmax, layer=layer,
                    decim=decim, padding=padding, ax=ax, colorbar=False, show=False)
    mesh = ax.collections[0]
    power = np.asarray(mesh.get_array()).reshape(len(freqs), -1)
    plt.close(fig)
    return power


def times_of(dpls, tmin, tmax, decim):
    t = dpls[0].times
    lo = t[0] if tmin is None else max(tmin, t[0])
    hi = t[-1] if tmax is None else min(tmax, t[-1])
    t = t[(t >= lo) & (t < hi)]
    for d in ([] if decim is None else (decim if isinstance(decim, list) else [decim])):
        t = t[::d]
    return t


def r(v):
    return repr(float(v))


def opt(v):
    return "" if v is None else r(v)


def main():
    inputs = {"erp_raw": read_erp(), "trials": read_trials()}
    cases = []
    for name, source, layer, tmin, tmax, decim, padding, freqs, n_cycles, stride in CASES:
        dpls = inputs[source]
        cycles = ";".join(r(c) for c in np.atleast_1d(n_cycles))
        decim_text = "" if decim is None else ";".join(str(d) for d in np.atleast_1d(decim))
        row = [name, source, layer, opt(tmin), opt(tmax), decim_text, padding or "",
               ";".join(r(f) for f in freqs), cycles, stride]
        try:
            power = power_of(dpls, layer, tmin, tmax, decim, padding, freqs, n_cycles)
        except (ValueError, RuntimeError) as e:
            cases.append(row + ["", str(e)])
            continue
        times = times_of(dpls, tmin, tmax, decim)
        assert power.shape == (len(freqs), len(times)), (name, power.shape, len(times))
        cases.append(row + [len(times), ""])
        with open(os.path.join(HERE, f"tfr_{name}.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["time"] + [r(fk) for fk in freqs])
            for k in range(0, len(times), stride):
                w.writerow([r(times[k])] + [r(p) for p in power[:, k]])
    with open(os.path.join(HERE, "tfr_cases.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "input", "layer", "tmin", "tmax", "decim", "padding", "freqs",
                    "n_cycles", "time_stride", "n_times", "error"])
        w.writerows(cases)


if __name__ == "__main__":
    main()
