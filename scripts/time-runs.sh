#!/usr/bin/env bash
# Whole-process wall time of a command, repeated: prints each run and then min / median / max.
#   scripts/time-runs.sh [-n RUNS] [-w WARMUPS] -- COMMAND ARGS...
# e.g. scripts/time-runs.sh -n 5 -- hnn simulate examples/erp.json --out /tmp/erp
# The warm-up runs (default 1) fill the OS file cache and are not counted.
set -euo pipefail
runs=5 warmups=1
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -w) warmups=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "time-runs.sh: unknown option '$1' (allowed: -n RUNS, -w WARMUPS, then -- COMMAND)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "time-runs.sh: no command given after --" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "time-runs.sh: -n must be a whole number ≥ 1, got '$runs'" >&2; exit 2; }
[[ "$warmups" =~ ^[0-9]+$ ]] || { echo "time-runs.sh: -w must be a whole number ≥ 0, got '$warmups'" >&2; exit 2; }

for ((i = 0; i < warmups; i++)); do "$@" >/dev/null 2>&1 || { echo "time-runs.sh: the warm-up run failed: $*" >&2; exit 1; }; done
times=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "time-runs.sh: run $i failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc -l)
  times+=("$t")
  printf 'run %d: %.3f s\n' "$i" "$t"
done
printf '%s\n' "${times[@]}" | sort -g | awk -v load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')" '
  { t[NR] = $1 }
  END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
        printf "%d runs: min %.3f s, median %.3f s, max %.3f s (load average %s)\n", NR, t[1], m, t[NR], load }'
