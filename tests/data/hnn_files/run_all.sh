#!/usr/bin/env bash
# Regenerate everything in tests/data/hnn_files (about 2 minutes of CPU on one core,
# plus timing.py: about 3 more). Needs HNN-core v0.6.1 + h5io exported under
# $HNN_REF_DIR and Debian's NEURON 8.2.2 (see tests/data/hnn_files/README.md).
# UPSTREAM_DPL (optional): HNN-core's published dpl.txt, to compare dpl.txt with.
set -euo pipefail
cd "$(dirname "$0")"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
: "${HNN_REF_DIR:?set HNN_REF_DIR to the folder holding hnn-core/ and h5io/}"
export PYTHONPATH=$HNN_REF_DIR/hnn-core:$HNN_REF_DIR/h5io
PY=/usr/bin/python3

(cd regression && $PY make_regression.py ${UPSTREAM_DPL:+--upstream-dpl "$UPSTREAM_DPL"})
(cd regression && $PY make_params.py)
(cd configs && $PY make_configs.py)
if [ "${SKIP_TIMING:-0}" != 1 ]; then $PY timing.py 3; fi
