#!/usr/bin/env python3
"""Makes the reference numbers for Periodogram, BandPower and DipolePsd (docs/dev/spectra.md).

Run from anywhere, with HNN-core v0.6.1 importable (it imports NEURON; matplotlib is needed for
plot_psd; joblib is not, see the stand-in below):

  PYTHONPATH=<hnn-core checkout>:<h5io checkout> python3 tests/data/spectra/make_spectra_reference.py

Inputs: the ERP dipole of tests/data/erp_run/ (raw trial 0 and its smoothed/scaled copy) and
synthetic signals made here from a fixed numpy seed (written to signals.csv and trials.csv).

Writes, beside this script (floats as Python's repr, i.e. exactly):
  signals.csv       synthetic inputs: signal, time (ms), value
  trials.csv        three synthetic trials with agg/L2/L5 columns: trial, time (ms), agg, L2, L5
  periodogram.csv   scipy.signal.periodogram(x, fs, window=w, nfft=len(x)) with scipy's other
                    defaults: signal, window, fs, frequency, power
  band_power.csv    HNN-core's own _get_relative_power (the value HNN-core returns is negative;
                    the column holds it unchanged): case, dipole, bands, weights, value
  psd.csv           what viz.plot_psd draws (the line read back from its matplotlib axes) and
                    the mean of the per-trial periodograms it computes: case, frequency,
                    hnn_core_line, trial_mean
  psd_cases.csv     the plot_psd cases: case, input (erp_raw = the raw ERP trial 0, trials =
                    trials.csv), layer, tmin, tmax (empty = None), samples after the crop
"""
import csv
import gzip
import os
import sys
import types

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.signal import periodogram  # noqa: E402

# objective_functions.py imports BatchSimulate, which needs joblib >= 1.3 (Debian has 1.2); the
# relative power never touches it, so an empty stand-in takes its place.
sys.modules["hnn_core.batch_simulate"] = types.SimpleNamespace(BatchSimulate=None)

import hnn_core  # noqa: E402
from hnn_core.dipole import Dipole  # noqa: E402
from hnn_core.optimization.objective_functions import _get_relative_power  # noqa: E402
from hnn_core.viz import plot_psd  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
ERP_RAW = os.path.join(ROOT, "tests", "data", "erp_run", "dipole_trial0.csv.gz")
ERP_SMOOTHED = os.path.join(ROOT, "tests", "data", "erp_run", "dipole_smooth30_scale3000_trial0.csv.gz")


def read_dipole(path):
    with gzip.open(path, "rt") as f:
        rows = list(csv.DictReader(f))
    times = np.array([float(r["time"]) for r in rows])
    data = np.array([[float(r[c]) for c in ("agg", "L2", "L5")] for r in rows])
    return Dipole(times, data)


def synthetic_signals(rng):
    """Sines at 10, 22 and 80 Hz plus white noise, 0.5 ms steps (fs = 2000 Hz); odd and even lengths.

    The even signal's bins are 2 Hz apart, so band edges such as 10 and 22 Hz fall on bins exactly.
    """
    out = {}
    for name, n in (("odd_999", 999), ("even_1000", 1000)):
        t = 0.5 * np.arange(n)
        s = t / 1000.0
        x = (3.0 * np.sin(2 * np.pi * 10 * s + 0.3) + 1.5 * np.sin(2 * np.pi * 22 * s)
             + 0.7 * np.cos(2 * np.pi * 80 * s) + 0.8 * rng.standard_normal(n) + 2.5)
        out[name] = (t, x)
    return out


def synthetic_trials(rng):
    """Three trials of 0..200 ms at 0.25 ms (fs = 4000 Hz) with different phases and noise."""
    t = 0.25 * np.arange(801)
    s = t / 1000.0
    trials = []
    for k in range(3):
        l2 = 2.0 * np.sin(2 * np.pi * 18 * s + k) + 0.5 * rng.standard_normal(len(t))
        l5 = -4.0 * np.exp(-((t - 60 - 10 * k) / 15) ** 2) + np.sin(2 * np.pi * 40 * s) + 0.5 * rng.standard_normal(len(t))
        trials.append(Dipole(t, np.column_stack([l2 + l5, l2, l5])))
    return trials


def write_csv(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def r(v):
    return repr(float(v))


def main():
    rng = np.random.RandomState(20261202)
    signals = synthetic_signals(rng)
    trials = synthetic_trials(rng)
    erp_raw = read_dipole(ERP_RAW)
    erp_smoothed = read_dipole(ERP_SMOOTHED)

    write_csv("signals.csv", ["signal", "time", "value"],
              [[name, r(tk), r(xk)] for name, (t, x) in signals.items() for tk, xk in zip(t, x)])
    write_csv("trials.csv", ["trial", "time", "agg", "L2", "L5"],
              [[k, r(d.times[i]), r(d.data["agg"][i]), r(d.data["L2"][i]), r(d.data["L5"][i])]
               for k, d in enumerate(trials) for i in range(len(d.times))])

    # (a) + (b): periodograms. The ERP's fs is HNN-core's Dipole.sfreq, 1000 / (t1 - t0).
    inputs = {"erp_raw_agg": (erp_raw.data["agg"], erp_raw.sfreq)}
    for name, (t, x) in signals.items():
        inputs[name] = (x, 1000.0 / (t[1] - t[0]))
    rows = []
    for name, (x, fs) in inputs.items():
        for window in ("hamming", "boxcar"):
            f, p = periodogram(x, fs, window=window, nfft=len(x))
            rows += [[name, window, r(fs), r(fk), r(pk)] for fk, pk in zip(f, p)]
            print(f"periodogram {name:12s} {window:8s} n={len(x)} fs={fs!r} bins={len(f)} peak={p.max():.6g}")
    write_csv("periodogram.csv", ["signal", "window", "fs", "frequency", "power"], rows)

    # HNN-core's relative band power, on Dipole objects; bands and weights as obj_fun_kwargs.
    even_t, even_x = signals["even_1000"]
    dipoles = {"erp_raw": erp_raw, "erp_smooth30_scale3000": erp_smoothed,
               "even_1000": Dipole(even_t, even_x), "trial0": trials[0]}
    cases = [
        ("erp_raw_beta", "erp_raw", [(15, 30)], [1.0]),
        ("erp_raw_alpha_beta", "erp_raw", [(8, 12), (15, 30)], [1.0, 0.5]),
        ("erp_smoothed_beta", "erp_smooth30_scale3000", [(15, 30)], [1.0]),
        ("erp_smoothed_alpha_beta", "erp_smooth30_scale3000", [(8, 12), (15, 30)], [1.0, 0.5]),
        ("even_edges_on_bins", "even_1000", [(10, 22)], [1.0]),
        ("even_float_weight", "even_1000", [(8, 12), (78, 82)], 0.25),
        ("even_past_nyquist", "even_1000", [(900, 5000)], [2.0]),
        ("even_point_band", "even_1000", [(22, 22)], [1.0]),
        ("trial0_overlapping", "trial0", [(0, 50), (10, 20)], [1.0, 3.0]),
    ]
    rows = []
    for case, dipole, bands, weights in cases:
        value = _get_relative_power(dipoles[dipole], {"f_bands": bands, "relative_bandpower": weights})
        weight_list = weights if isinstance(weights, list) else [weights] * len(bands)
        rows.append([case, dipole, ";".join(f"{a!r}:{b!r}" for a, b in bands),
                     ";".join(repr(float(w)) for w in weight_list), r(value)])
        print(f"relative power {case:24s} {value!r}")
    write_csv("band_power.csv", ["case", "dipole", "bands", "weights", "value"], rows)

    # plot_psd: the line it draws, and the trial mean its docstring promises.
    psd_cases = [
        ("erp_agg_full", "erp_raw", "agg", None, None),
        ("erp_L5_window", "erp_raw", "L5", 20.3, 120.0),
        ("trials_agg_full", "trials", "agg", None, None),
        ("trials_L2_window", "trials", "L2", 50.0, 150.1),
        ("trials_agg_wide_window", "trials", "agg", -10.0, 1000.0),
    ]
    inputs = {"erp_raw": [erp_raw], "trials": trials}
    rows, case_rows = [], []
    for case, name, layer, tmin, tmax in psd_cases:
        dpls = inputs[name]
        fig = plot_psd(dpls, tmin=tmin, tmax=tmax, layer=layer, show=False)
        line = fig.axes[0].lines[0]
        freqs, drawn = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        # The computation inside plot_psd, repeated: crop [max(tmin, t0), min(tmax, t_end)), periodogram.
        power = []
        for d in dpls:
            t0 = d.times[0] if tmin is None else max(tmin, d.times[0])
            t1 = d.times[-1] if tmax is None else min(tmax, d.times[-1])
            data = d.data[layer][np.logical_and(d.times >= t0, d.times < t1)]
            f, p = periodogram(data, d.sfreq, window="hamming", nfft=len(data))
            power.append(p)
        mean = np.mean(power, axis=0)
        assert np.array_equal(f, freqs) and np.array_equal(power[-1], drawn), "plot_psd is not what it seems"
        matplotlib.pyplot.close(fig)
        rows += [[case, r(fk), r(dk), r(mk)] for fk, dk, mk in zip(freqs, drawn, mean)]
        case_rows.append([case, name, layer, "" if tmin is None else r(tmin), "" if tmax is None else r(tmax), len(data)])
        print(f"plot_psd {case:28s} trials={len(dpls)} bins={len(freqs)} "
              f"max |drawn - mean| / max mean = {np.abs(drawn - mean).max() / mean.max():.3g}")
    write_csv("psd.csv", ["case", "frequency", "hnn_core_line", "trial_mean"], rows)
    write_csv("psd_cases.csv", ["case", "input", "layer", "tmin", "tmax", "samples"], case_rows)
    print(f"wrote signals.csv trials.csv periodogram.csv band_power.csv psd.csv psd_cases.csv "
          f"(hnn_core {hnn_core.__version__}, scipy {scipy.__version__}, numpy {np.__version__})")


if __name__ == "__main__":
    main()
