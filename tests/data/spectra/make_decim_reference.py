#!/usr/bin/env python3
"""Makes the reference numbers for Decimation and the decim option (docs/dev/spectra.md §7).

Run from anywhere, with HNN-core v0.6.1 and mne importable (Debian's python3-scipy 1.10.1 and
python3-mne 1.3.0):

  PYTHONPATH=<hnn-core checkout>:<h5io checkout> python3 tests/data/spectra/make_decim_reference.py

Inputs: the raw ERP dipole of tests/data/erp_run/ (trial 0), signals.csv and trials.csv (written by
make_spectra_reference.py; read here, not remade).

Writes, beside this script (floats as Python's repr, i.e. exactly):
  decim_filters.csv     q, form (b, a: cheby1(8, 0.05, 0.8/q) as one transfer function; sos: the
                        second-order sections decimate uses), row (section index; 0 for b and a),
                        index, value -- for q = 1 .. 13
  decim_signals.csv.gz  signal, factors (';'-separated), time (ms), value: scipy.signal.decimate
                        applied factor by factor (HNN-core's _decimate_plot_data), times[::q]
  decim_psd.csv         case, input, layer, factors, frequency, power: the trial mean of
                        periodogram(decimated crop, sfreq / prod(factors), 'hamming') -- plot_psd
                        has no decim in v0.6.1, so this is its computation with the decimation
                        plot_tfr_morlet does put in front
  decim_psd_cases.csv   case, input, layer, tmin, tmax, factors, fs, samples
  decim_tfr_cases.csv   as tfr_cases.csv (make_tfr_reference.py), for plot_tfr_morlet with decim
  tfr_<case>.csv        the power plot_tfr_morlet draws (time, one column per frequency)
"""
import csv
import gzip
import io
import os

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.signal import cheby1, decimate, periodogram  # noqa: E402

from hnn_core.dipole import Dipole  # noqa: E402
from hnn_core.viz import _decimate_plot_data, plot_tfr_morlet  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
ERP_RAW = os.path.join(ROOT, "tests", "data", "erp_run", "dipole_trial0.csv.gz")


def read_erp():
    with gzip.open(ERP_RAW, "rt") as f:
        rows = list(csv.DictReader(f))
    times = np.array([float(r["time"]) for r in rows])
    data = np.array([[float(r[c]) for c in ("agg", "L2", "L5")] for r in rows])
    return Dipole(times, data)


def read_signals():
    with open(os.path.join(HERE, "signals.csv")) as f:
        rows = list(csv.DictReader(f))
    out = {}
    for name in dict.fromkeys(r["signal"] for r in rows):
        mine = [r for r in rows if r["signal"] == name]
        out[name] = (np.array([float(r["time"]) for r in mine]), np.array([float(r["value"]) for r in mine]))
    return out


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


def r(v):
    return repr(float(v))


def opt(v):
    return "" if v is None else r(v)


def factors_text(decim):
    return ";".join(str(d) for d in (decim if isinstance(decim, list) else [decim]))


def write_csv(name, header, rows, gz=False):
    path = os.path.join(HERE, name)
    # mtime=0: the same numbers give the same .gz bytes.
    opener = ((lambda: io.TextIOWrapper(gzip.GzipFile(path, "wb", mtime=0), newline="")) if gz
              else (lambda: open(path, "w", newline="")))
    with opener() as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def crop(d, layer, tmin, tmax):
    lo = d.times[0] if tmin is None else max(tmin, d.times[0])
    hi = d.times[-1] if tmax is None else min(tmax, d.times[-1])
    keep = (d.times >= lo) & (d.times < hi)
    return d.data[layer][keep], d.times[keep]


def main():
    erp = read_erp()
    signals = read_signals()
    trials = read_trials()

    # (1) The filters.
    rows = []
    for q in range(1, 14):
        b, a = cheby1(8, 0.05, 0.8 / q)
        sos = cheby1(8, 0.05, 0.8 / q, output="sos")
        rows += [[q, "b", 0, i, r(v)] for i, v in enumerate(b)]
        rows += [[q, "a", 0, i, r(v)] for i, v in enumerate(a)]
        rows += [[q, "sos", s, i, r(v)] for s in range(sos.shape[0]) for i, v in enumerate(sos[s])]
    write_csv("decim_filters.csv", ["q", "form", "row", "index", "value"], rows)

    # (2) Decimated signals, through HNN-core's own helper (which calls scipy's decimate).
    inputs = {"erp_raw_agg": (erp.times, erp.data["agg"]), **signals}
    cases = [("erp_raw_agg", 2), ("erp_raw_agg", 3), ("erp_raw_agg", 5), ("erp_raw_agg", 10),
             ("erp_raw_agg", [2, 5]), ("odd_999", 7), ("even_1000", 13), ("even_1000", [13, 2])]
    rows = []
    for name, decim in cases:
        t, x = inputs[name]
        y, ty = _decimate_plot_data(decim, x, t)
        direct = x
        for q in (decim if isinstance(decim, list) else [decim]):
            direct = decimate(direct, q)
        assert np.array_equal(y, direct)
        rows += [[name, factors_text(decim), r(tk), r(yk)] for tk, yk in zip(ty, y)]
        print(f"decimate {name:12s} {factors_text(decim):5s} {len(x)} -> {len(y)} samples")
    write_csv("decim_signals.csv.gz", ["signal", "factors", "time", "value"], rows, gz=True)

    # (3) The PSD of decimated crops (plot_psd's periodogram after plot_tfr_morlet's decimation).
    psd_cases = [
        ("erp_agg_decim10", "erp_raw", "agg", None, None, 10),
        ("erp_agg_decim2x5", "erp_raw", "agg", None, None, [2, 5]),
        ("erp_L5_window_decim4", "erp_raw", "L5", 20.3, 120.0, 4),
        ("trials_agg_decim3", "trials", "agg", None, None, 3),
    ]
    dipoles = {"erp_raw": [erp], "trials": trials}
    rows, case_rows = [], []
    for case, name, layer, tmin, tmax, decim in psd_cases:
        power = []
        for d in dipoles[name]:
            data, times = crop(d, layer, tmin, tmax)
            data, times, fs = _decimate_plot_data(decim, data, times, sfreq=d.sfreq)
            f, p = periodogram(data, fs, window="hamming", nfft=len(data))
            power.append(p)
        mean = np.mean(power, axis=0)
        rows += [[case, name, layer, factors_text(decim), r(fk), r(pk)] for fk, pk in zip(f, mean)]
        case_rows.append([case, name, layer, opt(tmin), opt(tmax), factors_text(decim), r(fs), len(data)])
        print(f"psd {case:22s} fs={fs!r} samples={len(data)} bins={len(f)}")
    write_csv("decim_psd.csv", ["case", "input", "layer", "factors", "frequency", "power"], rows)
    write_csv("decim_psd_cases.csv", ["case", "input", "layer", "tmin", "tmax", "factors", "fs", "samples"], case_rows)

    # (4) plot_tfr_morlet with decim: one trial each (v0.6.1 refuses decim with several trials).
    tfr_inputs = {"erp_raw": [erp], "trial0": trials[:1], "trial2": trials[2:]}
    tfr_cases = [
        ("erp_n5_decim3", "erp_raw", "agg", None, None, 3, "zeros", np.arange(30.0, 70.0, 10.0), 5.0, 3),
        ("erp_l2_window_decim4x2", "erp_raw", "L2", 10.0, 150.0, [4, 2], "mirror", np.arange(40.0, 100.0, 20.0), 4.0, 1),
        ("trial0_l2_window_decim2", "trial0", "L2", 20.3, 180.0, 2, "zeros", np.arange(20.0, 100.0, 10.0), 5.0, 1),
        ("trial2_agg_nopad_decim5", "trial2", "agg", None, None, 5, None, np.array([150.0, 100.0, 60.0]), 3.0, 1),
        ("trial0_agg_decim_8_samples", "trial0", "agg", None, None, [10, 10], "zeros", np.array([10.0]), 3.0, 1),
        # Refused: a step gets too few samples to filter; a frequency above the decimated Nyquist.
        ("trial0_agg_decim_too_short", "trial0", "agg", None, None, [10, 10, 2], "zeros", np.array([10.0]), 3.0, 1),
        ("trial0_agg_decim_nyquist", "trial0", "agg", None, None, 10, "zeros", np.array([150.0, 250.0]), 3.0, 1),
    ]
    cases = []
    for name, source, layer, tmin, tmax, decim, padding, freqs, n_cycles, stride in tfr_cases:
        dpls = tfr_inputs[source]
        cycles = ";".join(r(c) for c in np.atleast_1d(n_cycles))
        row = [name, source, layer, opt(tmin), opt(tmax), factors_text(decim), padding or "",
               ";".join(r(f) for f in freqs), cycles, stride]
        fig, ax = plt.subplots()
        try:
            plot_tfr_morlet(dpls, freqs, n_cycles=n_cycles, tmin=tmin, tmax=tmax, layer=layer,
                            decim=decim, padding=padding, ax=ax, colorbar=False, show=False)
        except (ValueError, RuntimeError) as e:
            plt.close(fig)
            cases.append(row + ["", str(e)])
            print(f"tfr {name}: {e}")
            continue
        power = np.asarray(ax.collections[0].get_array()).reshape(len(freqs), -1)
        plt.close(fig)
        _, times = crop(dpls[0], layer, tmin, tmax)
        for q in (decim if isinstance(decim, list) else [decim]):
            times = times[::q]
        assert power.shape == (len(freqs), len(times)), (name, power.shape, len(times))
        cases.append(row + [len(times), ""])
        with open(os.path.join(HERE, f"tfr_{name}.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["time"] + [r(fk) for fk in freqs])
            for k in range(0, len(times), stride):
                w.writerow([r(times[k])] + [r(p) for p in power[:, k]])
        print(f"tfr {name}: {power.shape}")
    write_csv("decim_tfr_cases.csv", ["case", "input", "layer", "tmin", "tmax", "decim", "padding", "freqs",
                                      "n_cycles", "time_stride", "n_times", "error"], cases)
    print(f"scipy {scipy.__version__}, numpy {np.__version__}")


if __name__ == "__main__":
    main()
