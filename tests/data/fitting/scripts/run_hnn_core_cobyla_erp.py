"""Reference run: HNN-core's own Optimizer (solver='cobyla') on the ERP fitting problem.

The problem (issue 14, "the ERP case"): jones_2009_model + HNN-core's standard ERP drives
(add_erp_drives_to_jones_model, built exactly as the ERP reference run builds it), tstop 170 ms,
dt 0.025 ms, one trial. Two parameters are fitted, evprox1 mu in [10, 40] (start 20) and evdist1
mu in [50, 90] (start 70); the true values are 26.61 and 63.53. The target is
examples/data/erp_target.txt (NEURON's ERP dipole at the true values, smoothed 30 ms, scaled
3000, 1 ms samples), read with HNN-core's read_dipole. Objective: 'dipole_rmse' with
scale_factor=3000 and smooth_window_len=30; Optimizer(..., solver='cobyla', max_iter=60).

HNN-core is used unmodified. This script only wraps what it passes in or what HNN-core calls:
  * set_params changes the mu of the drives already on the network (HNN-core hands it a fresh
    copy of the initial network on every call; the copy keeps the drives and their seeds, and the
    event times are drawn from the dynamics only when the simulation starts);
  * Optimizer.obj_fun (HNN-core's _rmse_evoked) is wrapped after construction to time each
    call and record its parameters and loss, and the process's os.times();
  * the module-level simulate_dipole that the objective calls is wrapped to keep a copy of the
    unprocessed dipole, so the run at the true parameters can be compared with the reference run.

Run (from the repository root), e.g.:
  PATH=/usr/sbin:/usr/bin:/sbin:/bin PYTHONPATH=$HNN_REF_DIR/hnn-core:$HNN_REF_DIR/h5io \
    /usr/bin/python3 tests/data/fitting/scripts/run_hnn_core_cobyla_erp.py [--max-iter N] [--out DIR]
"""

import argparse
import csv
import gzip
import json
import os
import platform
import statistics
import sys
import time
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import joblib  # noqa: E402

# hnn_core.optimization imports batch_simulate, which needs joblib.parallel_config (joblib >= 1.3);
# the reference environment has Debian's joblib 1.2.0. Only the 'cma' solver's batch path uses it,
# so a stand-in that fails loudly keeps the import working without changing what cobyla runs.
if not hasattr(joblib, "parallel_config"):
    def _no_parallel_config(*args, **kwargs):
        raise RuntimeError("joblib.parallel_config is not available (joblib %s)" % joblib.__version__)

    joblib.parallel_config = _no_parallel_config

import hnn_core  # noqa: E402
from hnn_core import jones_2009_model, read_dipole  # noqa: E402
from hnn_core.network_models import add_erp_drives_to_jones_model  # noqa: E402
from hnn_core.optimization import Optimizer  # noqa: E402
from hnn_core.optimization import objective_functions as _objmod  # noqa: E402
from hnn_core.optimization import general_optimization as _genmod  # noqa: E402

warnings.simplefilter("ignore", DeprecationWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
TARGET = os.path.join(REPO, "examples", "data", "erp_target.txt")
REFERENCE_DIPOLE = os.path.join(REPO, "tests", "data", "erp_run", "dipole_trial0.csv.gz")

TSTOP = 170.0
DT = 0.025
SCALE, SMOOTH = 3000, 30
CONSTRAINTS = {"evprox1_mu": (10.0, 40.0), "evdist1_mu": (50.0, 90.0)}
INITIAL = {"evprox1_mu": 20.0, "evdist1_mu": 70.0}
TRUE = {"evprox1_mu": 26.61, "evdist1_mu": 63.53}
# parameter name -> drive whose dynamics mu it sets
DRIVE_OF = {"evprox1_mu": "evprox1", "evdist1_mu": "evdist1"}


def set_params(net, params):
    """Set each drive's mu on the network HNN-core passes (a copy of the initial one)."""
    for name, value in params.items():
        net.external_drives[DRIVE_OF[name]]["dynamics"]["mu"] = float(value)


class Recorder:
    """Wraps the objective: per call, parameters, loss, wall time and process CPU time."""

    def __init__(self, inner, names, csv_path):
        self.inner = inner
        self.names = names
        self.rows = []
        self.last_raw_agg = None
        self._csv_path = csv_path
        if csv_path is not None:
            with open(csv_path, "w", newline="") as f:
                csv.writer(f).writerow(
                    ["call"] + names + ["loss", "wall_s", "cpu_user_s", "cpu_sys_s", "utc_end"]
                )

    def __call__(self, **kwargs):
        x = np.asarray(kwargs["predicted_params"], dtype=float).copy()
        t0 = time.perf_counter()
        c0 = os.times()
        loss = self.inner(**kwargs)
        c1 = os.times()
        wall = time.perf_counter() - t0
        row = {
            "call": len(self.rows),
            "params": [float(v) for v in x],
            "loss": float(loss),
            "wall_s": wall,
            "cpu_user_s": (c1.user + c1.children_user) - (c0.user + c0.children_user),
            "cpu_sys_s": (c1.system + c1.children_system) - (c0.system + c0.children_system),
            "utc_end": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        self.rows.append(row)
        if self._csv_path is not None:
            with open(self._csv_path, "a", newline="") as f:
                csv.writer(f).writerow(
                    [row["call"]] + [repr(v) for v in row["params"]]
                    + [repr(row["loss"]), repr(row["wall_s"]), repr(row["cpu_user_s"]),
                       repr(row["cpu_sys_s"]), row["utc_end"]]
                )
        print(
            f"[fit] call {row['call']}: {dict(zip(self.names, row['params']))} "
            f"loss {row['loss']!r} wall {wall:.2f} s cpu {row['cpu_user_s'] + row['cpu_sys_s']:.2f} s",
            flush=True,
        )
        return loss


def install_dipole_capture(recorder):
    """Keep a copy of the agg dipole (nAm) before the objective smooths and scales it in place."""
    orig = _objmod.simulate_dipole

    def wrapped(*args, **kwargs):
        dpls = orig(*args, **kwargs)
        recorder.last_raw_agg = np.array(dpls[0].data["agg"], dtype=float).copy()
        return dpls

    _objmod.simulate_dipole = wrapped


def build_network():
    """As the ERP reference run builds it: the model, then the three standard ERP drives."""
    net = jones_2009_model()
    add_erp_drives_to_jones_model(net)
    return net


def probe_cobyla_constraints(constraints):
    """Evaluate the constraint functions HNN-core builds for fmin_cobyla at a few points.

    Each parameter gets two functions (upper - x[i], x[i] - lower); this reports the bounds each
    function actually enforces, recovered from its values at x = 0.
    """
    funcs = _genmod._assemble_constraints_cobyla(constraints)
    names = list(constraints)
    probes = []
    for k, fn in enumerate(funcs):
        i, kind = divmod(k, 2)
        at0 = float(fn(np.zeros(len(names))))
        # upper - x at x=0 is the upper bound; x - lower at x=0 is minus the lower bound
        enforced = at0 if kind == 0 else -at0
        own = constraints[names[i]][0 if kind == 1 else 1]
        probes.append(
            {
                "function": k,
                "parameter": names[i],
                "side": "upper" if kind == 0 else "lower",
                "own_bound": float(own),
                "enforced_bound": enforced,
            }
        )
    return probes


def read_reference_agg(path):
    with gzip.open(path, "rt") as f:
        r = csv.reader(f)
        head = next(r)
        col = head.index("agg")
        return np.array([float(row[col]) for row in r])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-iter", type=int, default=60)
    ap.add_argument("--out", default=os.path.join(REPO, "tests", "data", "fitting", "hnn_core_cobyla_erp"))
    ap.add_argument("--skip-true", action="store_true", help="skip the run at the true parameters")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    names = list(CONSTRAINTS)

    target = read_dipole(TARGET)
    net = build_network()
    optim = Optimizer(
        net, tstop=TSTOP, constraints=CONSTRAINTS, set_params=set_params,
        initial_params=dict(INITIAL), solver="cobyla", obj_fun="dipole_rmse", max_iter=args.max_iter,
    )
    assert optim.obj_fun is _objmod._rmse_evoked and optim.obj_fun_name == "dipole_rmse"
    fit_kwargs = dict(target=target, scale_factor=SCALE, smooth_window_len=SMOOTH)

    probes = probe_cobyla_constraints(CONSTRAINTS)
    for p in probes:
        print(f"[fit] cobyla constraint {p}", flush=True)

    # The loss at the true parameters, through the same objective code path, outside the budget.
    true_info = None
    if not args.skip_true:
        rec_true = Recorder(_objmod._rmse_evoked, names, None)
        install_dipole_capture(rec_true)
        x_true = np.array([TRUE[n] for n in names])
        loss_true = rec_true(
            initial_net=net, initial_params=dict(INITIAL), set_params=set_params,
            predicted_params=x_true, update_params=_genmod._update_params, obj_values=[],
            tstop=TSTOP, obj_fun_kwargs=dict(fit_kwargs, n_trials=1), best=None,
        )
        ref = read_reference_agg(REFERENCE_DIPOLE)
        sim = rec_true.last_raw_agg
        true_info = {
            "params": dict(TRUE),
            "loss": float(loss_true),
            "wall_s": rec_true.rows[0]["wall_s"],
            "raw_agg_max_abs_diff_vs_tests_data_erp_run_nAm": float(np.max(np.abs(sim - ref)))
            if len(sim) == len(ref) else f"length {len(sim)} vs {len(ref)}",
            "raw_agg_max_abs_nAm": float(np.max(np.abs(ref))),
        }
        print(f"[fit] true parameters: {true_info}", flush=True)

    rec = Recorder(optim.obj_fun, names, os.path.join(args.out, "history.csv"))
    install_dipole_capture(rec)
    optim.obj_fun = rec  # Optimizer.fit passes self.obj_fun to its cobyla runner
    t0 = time.perf_counter()
    c0 = os.times()
    optim.fit(**fit_kwargs)
    fit_wall = time.perf_counter() - t0
    c1 = os.times()

    rows = rec.rows
    best = min(rows, key=lambda r: r["loss"])
    out_of_own_bounds = [
        {"call": r["call"], "parameter": n, "value": v, "bounds": list(CONSTRAINTS[n])}
        for r in rows for n, v in zip(names, r["params"])
        if not (CONSTRAINTS[n][0] <= v <= CONSTRAINTS[n][1])
    ]
    import neuron
    import scipy

    summary = {
        "problem": {
            "network": "jones_2009_model + add_erp_drives_to_jones_model",
            "tstop": TSTOP, "dt": DT, "n_trials": 1,
            "target": "examples/data/erp_target.txt (read_dipole)",
            "objective": "dipole_rmse", "scale_factor": SCALE, "smooth_window_len": SMOOTH,
            "constraints": {k: list(v) for k, v in CONSTRAINTS.items()},
            "initial_params": INITIAL, "true_params": TRUE,
        },
        "solver": "cobyla (scipy.optimize.fmin_cobyla via hnn_core Optimizer)",
        "budget_max_iter": args.max_iter,
        "rhobeg": 0.1, "rhoend": 1e-4, "catol": 0.0,
        "rhobeg_rhoend_source": "hard-coded in hnn_core.optimization.general_optimization._run_opt_cobyla (v0.6.1)",
        "n_objective_calls": len(rows),
        "best_loss": best["loss"],
        "best_params": dict(zip(names, best["params"])),
        "best_call": best["call"],
        "optimizer_opt_params_": [float(v) for v in optim.opt_params_],
        "optimizer_final_obj_": float(optim.obj_[-1]),
        "last_params": dict(zip(names, rows[-1]["params"])),
        "last_loss": rows[-1]["loss"],
        "fit_wall_s": fit_wall,
        "fit_cpu_s": (c1.user + c1.system + c1.children_user + c1.children_system)
        - (c0.user + c0.system + c0.children_user + c0.children_system),
        "median_call_wall_s": statistics.median(r["wall_s"] for r in rows),
        "median_call_cpu_s": statistics.median(r["cpu_user_s"] + r["cpu_sys_s"] for r in rows),
        "true_params_eval": true_info,
        "cobyla_constraints_as_built": probes,
        "evaluations_outside_own_bounds": out_of_own_bounds,
        "versions": {
            "hnn_core": hnn_core.__version__, "neuron": neuron.__version__,
            "scipy": scipy.__version__, "numpy": np.__version__,
            "python": sys.version.split()[0], "platform": platform.platform(),
        },
        "nproc": os.cpu_count(),
        "loadavg_at_end": list(os.getloadavg()),
    }
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(f"[fit] done: best loss {best['loss']!r} at call {best['call']} {summary['best_params']}; "
          f"{len(rows)} calls, fit wall {fit_wall:.1f} s", flush=True)


if __name__ == "__main__":
    main()
