#!/usr/bin/env bash
# Runs the ERP experiment on a real cluster of processes on 127.0.0.1 — a coordinator
# (`hnn simulate --cluster`) and 1, then 2 workers (`hnn node`) — compares the output with a
# local run byte for byte, prints the wall times, and stops every process it started.
# Usage: scripts/cluster-demo.sh [EXPERIMENT.json] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
experiment=${1:-examples/erp.json}
port=${2:-4053}
out=runs/cluster-demo
seed="akka.tcp://hnn@127.0.0.1:$port"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM   # the EXIT trap then stops every process started here

dotnet build src/Hnn.Host -c Release -v q -nologo >/dev/null
hnn=(dotnet src/Hnn.Host/bin/Release/net10.0/hnn.dll)   # an array, so that $! is the process itself
rm -rf "$out" && mkdir -p "$out"

echo "== local run"
"${hnn[@]}" simulate "$experiment" --out "$out/local" | grep -v '^trial 1/1:'

for workers in 1 2; do
  echo "== cluster: coordinator + $workers worker(s)"
  "${hnn[@]}" simulate "$experiment" --out "$out/cluster-$workers" --cluster --port "$port" --workers "$workers" \
    > "$out/coordinator-$workers.log" 2>&1 &
  coordinator=$!
  pids+=("$coordinator")
  sleep 2   # let the coordinator (the seed node) bind its port before the workers join
  for i in $(seq "$workers"); do
    "${hnn[@]}" node --role worker --host 127.0.0.1 --port 0 --seed "$seed" > "$out/worker-$workers-$i.log" 2>&1 &
    pids+=("$!")
  done
  wait "$coordinator"
  grep -v '^trial 1/1:' "$out/coordinator-$workers.log"
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
  for f in spk_0.txt dipole_0.txt; do
    if cmp -s "$out/local/$f" "$out/cluster-$workers/$f"; then echo "   $f identical to the local run"
    else echo "   $f DIFFERS from the local run"; exit 1; fi
  done
done

# summary.json value of a key (first trial), e.g. field cluster-1 simulate_wall_s
field() { tr -d ' \n' < "$out/$1/summary.json" | grep -o "\"$2\":\[\?[0-9.]*" | grep -o '[0-9.]*$'; }
echo "== wall times (seconds) and the cost of the epoch barrier over the network"
epochs=$(field local epochs)
printf '%-10s %8s %9s %s\n' run build simulate "extra per epoch vs local"
for run in local cluster-1 cluster-2; do
  extra=$(awk -v c="$(field "$run" simulate_wall_s)" -v l="$(field local simulate_wall_s)" -v e="$epochs" 'BEGIN { printf "%.2f ms", 1000 * (c - l) / e }')
  printf '%-10s %8s %9s %s\n' "$run" "$(field "$run" build_wall_s)" "$(field "$run" simulate_wall_s)" "$extra"
done
