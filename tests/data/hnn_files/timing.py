"""Wall time of simulate_dipole for every simulated case here, best of N runs.

One process, one core (HNN-core's default JoblibBackend(n_jobs=1)); each run
builds a fresh network (for read-back cases: reads the committed net.json again),
so a time includes NEURON model building, initialisation and psolve, as
simulate_dipole's caller sees it.  The machine may be shared: the 1-minute
load average before each run is recorded too.

Usage: python3 timing.py [N]   (default N = 3) -> timing.json
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hnnref  # noqa: E402

from hnn_core import (  # noqa: E402
    neymotin_2020_model, read_params, read_network_configuration, simulate_dipole,
)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "configs"))
import make_configs  # noqa: E402  (network recipes of the in-memory cases)


def regression_net():
    params = read_params(os.path.join(HERE, "regression", "default.json"))
    return neymotin_2020_model(params, add_drives_from_params=True, legacy_mode=True,
                               mesh_shape=(10, 10))


def read_back(case):
    return lambda: read_network_configuration(os.path.join(HERE, "configs", case, "net.json"))


CASES = {
    "regression (10x10, legacy, 7 drives, 170 ms)": regression_net,
    "configs/erp read-back (5x5, 170 ms)": read_back("erp"),
    "configs/bias_conns read-back (5x5, 170 ms)": read_back("bias_conns"),
    "configs/spike_train in-memory (5x5, 170 ms)": make_configs.spike_train_network,
    "configs/edited_cell read-back (5x5, 170 ms)": read_back("edited_cell"),
    "configs/edited_geometry read-back (5x5, 170 ms)": read_back("edited_geometry"),
}


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    results = {}
    for label, make in CASES.items():
        runs = []
        for _ in range(n):
            net = make()
            load = os.getloadavg()[0]
            t0 = time.perf_counter()
            simulate_dipole(net, tstop=170.0, dt=0.025, n_trials=1)
            runs.append({"wall_s": time.perf_counter() - t0, "load_avg_1min_before": load})
        walls = sorted(r["wall_s"] for r in runs)
        results[label] = {"best_s": walls[0], "median_s": walls[len(walls) // 2], "runs": runs}
        print(f"[timing] {label}: best {walls[0]:.2f} s, median {walls[len(walls) // 2]:.2f} s")
    results["_machine"] = {"cpu_count": os.cpu_count(), "versions": hnnref.versions()}
    hnnref.write_json(os.path.join(HERE, "timing.json"), results)


if __name__ == "__main__":
    main()
