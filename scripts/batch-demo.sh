#!/usr/bin/env bash
# A batch with real processes on 127.0.0.1 (docs/batch.md):
#  1. locally: every job's spikes and dipole files are byte-identical to `hnn simulate` of its experiment.json;
#  2. a batch killed with kill -9 mid-way and rerun on its folder resumes: same results.csv (minus wall_s, node);
#  3. on a cluster (coordinator + 2 workers), one worker killed with kill -9 mid-batch: every job still
#     completes, identical to the local run;
#  4. throughput of 16 ERP jobs on warm cluster workers: 1, then 2 processes, each pinned to its own core (taskset).
# Usage: scripts/batch-demo.sh [PORT]    (about 5 minutes on 2 cores; BENCH_ONLY=1: part 4 alone)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-4063}
out=runs/batch-demo
seed="akka.tcp://hnn@127.0.0.1:$port"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM   # the EXIT trap then stops every process started here

dotnet build src/Hnn.Host -c Release -v q -nologo >/dev/null
hnn=(dotnet src/Hnn.Host/bin/Release/net10.0/hnn.dll)
rm -rf "$out" && mkdir -p "$out"
# 8 ERP jobs (mesh 10×10, 170 ms): evprox1's mean time on a grid, every output kept.
cat > "$out/sweep.json" <<JSON
{
  "experiment": "../../examples/erp.json",
  "parameters": [{"path": "drives.evprox1.mu", "range": {"start": 20, "stop": 30, "num": 8}}],
  "combine": "grid",
  "keep": ["summary", "spikes", "dipole"],
  "summaries": ["spike_counts", "dipole_peak"]
}
JSON
rows() { if [ -f "$1/results.csv" ]; then tail -n +2 "$1/results.csv" | grep -c ',done,' || true; else echo 0; fi; }
# results.csv without its last two columns (wall_s, node): what must not depend on how the batch ran.
science() { awk -F, 'BEGIN{OFS=","} {NF-=2; print}' "$1/results.csv"; }
same_jobs() {   # same_jobs A B: every job's spike and dipole files identical
  local bad=0
  for d in "$1"/jobs/*/; do
    id=$(basename "$d")
    for f in "$d"spk_*.txt "$d"dipole_*.txt; do
      cmp -s "$f" "$2/jobs/$id/$(basename "$f")" || { echo "   job $id: $(basename "$f") DIFFERS"; bad=1; }
    done
  done
  return $bad
}

if [ "${BENCH_ONLY:-0}" != 1 ]; then
echo "== 1. local batch, then every job alone with hnn simulate"
start=$(date +%s.%N)
"${hnn[@]}" batch "$out/sweep.json" --out "$out/local" | tail -1
echo "   $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s"
for d in "$out"/local/jobs/*/; do
  id=$(basename "$d")
  "${hnn[@]}" simulate "$d/experiment.json" --out "$out/alone/$id" >/dev/null
  for f in spk_0.txt dipole_0.txt; do
    cmp -s "$d/$f" "$out/alone/$id/$f" || { echo "   job $id: $f DIFFERS from hnn simulate"; exit 1; }
  done
done
echo "   every job's spk_0.txt and dipole_0.txt identical to hnn simulate of its experiment.json"

echo "== 2. kill -9 mid-batch, then resume"
"${hnn[@]}" batch "$out/sweep.json" --out "$out/resumed" --jobs 2 > "$out/killed.log" 2>&1 &
batch=$!; pids+=("$batch")
while [ "$(rows "$out/resumed")" -lt 3 ]; do sleep 0.2; done
kill -9 "$batch"; wait "$batch" 2>/dev/null || true
echo "   killed with $(rows "$out/resumed") of 8 jobs done"
"${hnn[@]}" batch "$out/sweep.json" --out "$out/resumed" | grep 'already done\|jobs done'
if diff <(science "$out/local") <(science "$out/resumed") >/dev/null && same_jobs "$out/local" "$out/resumed"; then
  echo "   resumed results.csv (minus wall_s, node) and every job's files identical to the uninterrupted run"
else echo "   resumed batch DIFFERS"; exit 1; fi

echo "== 3. cluster: coordinator + 2 workers, one killed with kill -9 mid-batch"
"${hnn[@]}" batch "$out/sweep.json" --out "$out/cluster" --cluster --port "$port" --workers 2 --jobs 1 > "$out/coordinator.log" 2>&1 &
coordinator=$!; pids+=("$coordinator")
sleep 2
workers=()
for i in 1 2; do
  "${hnn[@]}" node --role worker --host 127.0.0.1 --port 0 --seed "$seed" > "$out/worker-$i.log" 2>&1 &
  workers+=("$!"); pids+=("$!")
done
while [ "$(rows "$out/cluster")" -lt 2 ]; do sleep 0.2; done
killed_at=$(date +%s.%N)
kill -9 "${workers[1]}"
echo "   worker 2 killed with $(rows "$out/cluster") of 8 jobs done"
wait "$coordinator" || true
done_at=$(date +%s.%N)
tail -1 "$out/coordinator.log"
kill -TERM "${workers[0]}" 2>/dev/null || true
if diff <(science "$out/local") <(science "$out/cluster") >/dev/null && same_jobs "$out/local" "$out/cluster"; then
  echo "   every job identical to the local run; the rest of the batch took $(awk -v s="$killed_at" -v e="$done_at" 'BEGIN{printf "%.1f", e-s}') s after the kill"
else echo "   cluster batch DIFFERS from the local run"; exit 1; fi
wait 2>/dev/null || true
pids=()

fi

echo "== 4. throughput on the cluster: 1 and 2 workers, each pinned to its own core"
# 16 ERP jobs on long-lived workers (the first starts the cluster); a warm-up batch first, so that
# the figures are the steady rate of warm workers, not their start-up and JIT.
cat > "$out/bench.json" <<JSON
{"experiment": "../../examples/erp.json",
 "parameters": [{"path": "drives.evprox1.mu", "range": {"start": 20, "stop": 30, "num": 16}}], "summaries": ["spike_counts"]}
JSON
cat > "$out/warmup.json" <<JSON
{"experiment": "../../examples/erp.json", "parameters": [{"path": "drives.evprox1.mu", "values": [21, 23, 25, 27]}]}
JSON
for n in 1 2; do
  taskset -c 0 "${hnn[@]}" node --role worker --host 127.0.0.1 --port "$port" > "$out/bench-worker-$n-1.log" 2>&1 &
  pids+=("$!")
  sleep 2
  for i in $(seq 2 "$n"); do
    taskset -c $((i - 1)) "${hnn[@]}" node --role worker --host 127.0.0.1 --port 0 --seed "$seed" > "$out/bench-worker-$n-$i.log" 2>&1 &
    pids+=("$!")
  done
  sleep 3
  rm -rf "$out/warmup-$n" "$out/bench-$n"
  "${hnn[@]}" batch "$out/warmup.json" --out "$out/warmup-$n" --cluster --seed "$seed" --workers "$n" > /dev/null 2>&1
  "${hnn[@]}" batch "$out/bench.json" --out "$out/bench-$n" --cluster --seed "$seed" --workers "$n" > "$out/bench-$n.log" 2>&1
  jobs_s=$(tail -n +2 "$out/bench-$n/results.csv" | awk -F, '{s+=$(NF-1)} END {printf "%.2f", s}')
  echo "   $n worker(s): 16 jobs $(grep -o 'in [0-9.]* s ([0-9.]* simulations/min)' "$out/bench-$n.log"); sum of job wall times $jobs_s s"
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
done
