"""Legacy HNN GUI .param files and what HNN-core v0.6.1 makes of them.

1. default.param: default.json written as `key: value` lines (the format
   read_params reads for a .param suffix).  Checks that read_params gives the
   same Params for both files (values and Python types).
2. variant.param: default.param with a few values changed (see VARIANT).
   Records the drives HNN-core builds from it (no simulation), for
   legacy_mode=True (as the GUI) and False:
   variant_drives.json / variant_nonlegacy_drives.json (+ gid ranges, biases,
   connectivity summaries) and params_check.json.

Run after make_regression.py (it reads the default.json copy in this folder).
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import hnnref  # noqa: E402

from hnn_core import read_params, neymotin_2020_model  # noqa: E402

OUT = os.path.dirname(os.path.abspath(__file__))
MESH = (10, 10)

# Changed values of variant.param (everything else as default.param).
VARIANT = {
    "tstop": 100,                       # shorter run: proximal/distal feeds clipped to it
    "t_evprox_1": 30.0,                 # one evoked mu changed (26.61 -> 30.0)
    "sync_evinput": 1,                  # evoked drives: one shared drive cell each
    "Itonic_A_L5Pyr_soma": 0.5,         # a tonic bias (GUI keys)
    "Itonic_t0_L5Pyr_soma": 20.0,
    "Itonic_T_L5Pyr_soma": 80.0,
    # proximal bursty feed switched on with f_stdev 0 -> the x5 weight rule
    "t0_input_prox": 50.0,
    "tstop_input_prox": 90.0,
    "f_stdev_prox": 0.0,
    "input_prox_A_weight_L2Pyr_ampa": 0.001,
    "input_prox_A_weight_L5Pyr_ampa": 0.0005,
}


def param_value_text(value):
    """Text that _read_legacy_params turns back into the same value and type:
    ints without '.', floats in repr form (always has '.' or 'e'), booleans as
    0/1 (the text 'false' would come back as a non-empty, truthy string)."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    raise TypeError(f"no .param text for {value!r}")


def write_param_file(fname, values):
    with open(fname, "w") as f:
        for key, value in values.items():
            f.write(f"{key}: {param_value_text(value)}\n")


def compare_params(a, b):
    """Keys whose values differ, and keys equal in value but not in type."""
    value_diff = {k: [a.get(k), b.get(k)] for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}
    type_diff = {
        k: [type(a[k]).__name__, type(b[k]).__name__]
        for k in sorted(set(a) & set(b))
        if a[k] == b[k] and type(a[k]) is not type(b[k])
    }
    return value_diff, type_diff


def record(params, prefix):
    """Drive summaries for legacy_mode True and False; returns the legacy bursty1 record."""
    bursty1 = None
    for legacy in (True, False):
        net = neymotin_2020_model(params.copy(), add_drives_from_params=True,
                                  legacy_mode=legacy, mesh_shape=MESH)
        pre = prefix + ("" if legacy else "nonlegacy_")
        hnnref.write_network_summaries(OUT, net, prefix=pre)
        net._instantiate_drives(tstop=params["tstop"], n_trials=1)
        hnnref.write_json(os.path.join(OUT, f"{pre}drives.json"), hnnref.drives_record(net))
        print(f"[params] {pre}: drives {hnnref.drives_in_gid_order(net)}, biases {net.external_biases}")
        if legacy:
            bursty1 = hnnref.drives_record(net, with_events=False)["bursty1"]
    return bursty1


def main():
    with open(os.path.join(OUT, "default.json")) as f:
        default_values = json.load(f)
    write_param_file(os.path.join(OUT, "default.param"), default_values)
    p_json = read_params(os.path.join(OUT, "default.json"))
    p_param = read_params(os.path.join(OUT, "default.param"))
    value_diff, type_diff = compare_params(p_json, p_param)
    print(f"[params] default.json vs default.param: {len(p_json)} keys, value diffs {value_diff}, type diffs {type_diff}")

    variant_values = dict(default_values)
    variant_values.update(VARIANT)
    write_param_file(os.path.join(OUT, "variant.param"), variant_values)
    p_var = read_params(os.path.join(OUT, "variant.param"))
    dropped = sorted(k for k in variant_values if k not in p_var)
    print(f"[params] variant.param: keys dropped by read_params: {dropped}")

    bursty1 = record(p_var, "variant_")
    hnnref.write_json(
        os.path.join(OUT, "params_check.json"),
        {
            "default_json_vs_default_param": {
                "n_keys": len(p_json),
                "same_keys": sorted(p_json) == sorted(p_param),
                "value_differences": value_diff,
                "equal_value_type_differences": type_diff,
            },
            "variant_changes": VARIANT,
            "variant_keys_dropped_by_read_params": dropped,
            "variant_params_as_read": {k: p_var.get(k, "<dropped>") for k in VARIANT},
            # f_stdev_prox 0: does the GUI's x5 weight rule change the bursty weights?
            "variant_bursty1_weights_ampa": bursty1["weights_ampa"],
            "variant_bursty1_dynamics": bursty1["dynamics"],
        },
    )


if __name__ == "__main__":
    main()
