"""Check that HNN-core v0.6.1 accepts a network configuration file written by
another tool (e.g. ours), and what it makes of it.

    python3 check_convert.py IN.json OUT.json [--simulate DIR] [--tstop MS] [--dt MS]

1. read_network_configuration(IN.json)   (an error here is printed and exit code 2)
2. write_network_configuration(net, OUT.json)
3. prints the JSON paths where OUT.json differs from IN.json (first 30)
4. with --simulate DIR: simulate_dipole(net, tstop, dt, n_trials=1) and write
   DIR/spikes_trial0.csv, DIR/dipole_neuron_raw_fAm_trial0.csv,
   DIR/drive_events_trial0.csv, DIR/gid_ranges.json, DIR/summary.json
   (conventions of tests/data/REFERENCE-README.md).

Run with Debian's python3 and PYTHONPATH set as README.md says.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import hnnref  # noqa: E402

from hnn_core import read_network_configuration, write_network_configuration  # noqa: E402

MAX_DIFFS = 30


def json_diffs(a, b, where="$", out=None):
    """JSON paths where a and b differ (type, keys, lengths or values)."""
    out = [] if out is None else out
    if len(out) >= MAX_DIFFS:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                out.append(f"{where}.{k}: only in input")
        for k in b:
            if k not in a:
                out.append(f"{where}.{k}: only in output")
        if list(a) != list(b) and set(a) == set(b):
            out.append(f"{where}: same keys, different order")
        for k in a:
            if k in b:
                json_diffs(a[k], b[k], f"{where}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{where}: length {len(a)} in input, {len(b)} in output")
        for i, (x, y) in enumerate(zip(a, b)):
            json_diffs(x, y, f"{where}[{i}]", out)
    elif type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                         and not isinstance(a, bool) and not isinstance(b, bool)):
        out.append(f"{where}: {type(a).__name__} {a!r} in input, {type(b).__name__} {b!r} in output")
    elif a != b:
        out.append(f"{where}: {a!r} in input, {b!r} in output")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--simulate", metavar="DIR", help="simulate and write results into DIR")
    ap.add_argument("--tstop", type=float, default=170.0)
    ap.add_argument("--dt", type=float, default=0.025)
    args = ap.parse_args()

    try:
        net = read_network_configuration(args.input)
    except Exception as exc:  # noqa: BLE001 - report whatever HNN-core raises
        print(f"[check_convert] HNN-core cannot read {args.input}: {type(exc).__name__}: {exc}")
        return 2
    print(f"[check_convert] read {args.input}: gid ranges {hnnref.gid_ranges_dict(net)}")
    write_network_configuration(net, args.output)
    print(f"[check_convert] wrote {args.output}")

    with open(args.input, encoding="utf-8") as f:
        given = json.load(f)
    with open(args.output, encoding="utf-8") as f:
        rewritten = json.load(f)
    diffs = json_diffs(given, rewritten)
    if diffs:
        print(f"[check_convert] output differs from input at (first {MAX_DIFFS}):")
        for d in diffs:
            print("   ", d)
    else:
        print("[check_convert] output has the same JSON content as input")

    if args.simulate:
        hnnref.install_raw_dipole_hook()
        _, summary = hnnref.simulate_and_record(net, args.simulate, tstop=args.tstop, dt=args.dt)
        print(f"[check_convert] simulated {args.tstop} ms in {summary['simulate_dipole_wall_s']:.2f} s;"
              f" spike counts {summary['spike_counts']}; results in {args.simulate}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
