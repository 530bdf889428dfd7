#!/usr/bin/env bash
# Cluster faults with real processes on 127.0.0.1 (docs/cli.md, README "On a cluster"). The topology
# is the one that survives a lost coordinator: worker 1 starts the cluster (the seed), worker 2 and
# every coordinator (`hnn simulate --cluster --seed ...`) join it. For each scenario it prints
# whether the output is byte-identical to a local run, and the times:
#   A. kill -9 one worker mid-run                  -> the run completes on the other worker
#   B. a worker frozen with SIGSTOP for 30 s       -> the run re-places its shards and completes
#   C. a coordinator killed with kill -9 mid-run   -> the workers serve the next coordinator
#   D. two coordinators at once on the same workers -> both complete
#   E. kill -9 one worker while the shards are being built -> the run starts over on the other and completes
#   F. kill -9 both workers mid-run                 -> a clear error naming them, soon
#   G. the demo's topology (the coordinator is the seed) and the coordinator killed -> the workers join
#      the next coordinator started at the same address
#   H. a worker whose seed cannot be reached        -> says so and exits (code 4) after --join-timeout
#   I. kill -9 the seed worker mid-run              -> the run completes on the other worker, which stays
# Usage: scripts/cluster-faults.sh [EXPERIMENT.json] [PORT]   (about 5 minutes)
set -uo pipefail
cd "$(dirname "$0")/.."
experiment=${1:-examples/erp.json}
port=${2:-4073}
out=runs/cluster-faults
seed="akka.tcp://hnn@127.0.0.1:$port"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
trap 'exit 130' INT TERM   # the EXIT trap then stops every process started here

dotnet build src/Hnn.Host -c Release -v q -nologo >/dev/null || exit 1
hnn=(dotnet src/Hnn.Host/bin/Release/net10.0/hnn.dll)
rm -rf "$out" && mkdir -p "$out"
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="${2:-$(now)}" 'BEGIN{printf "%.1f", e-s}'; }
# Every line of a process's stdout with the time it appeared, so that progress after a fault can be timed.
stamp() { while IFS= read -r line; do echo "$(now) $line"; done; }
identical() {   # identical RUN: spike and dipole files equal to the local run's
  for f in spk_0.txt dipole_0.txt; do cmp -s "$out/local/$f" "$out/$1/$f" || { echo "DIFFERENT ($f)"; return 1; }; done
  echo "identical"
}
start_workers() {
  "${hnn[@]}" node --role worker --host 127.0.0.1 --port "$port" > "$out/worker-1.log" 2>&1 &
  w1=$!; pids+=("$w1")
  sleep 2
  "${hnn[@]}" node --role worker --host 127.0.0.1 --port 0 --seed "$seed" > "$out/worker-2.log" 2>&1 &
  w2=$!; pids+=("$w2")
  sleep 3
}
stop_workers() {   # SIGTERM (a graceful leave); a worker still there after 30 s is reported and killed
  kill -CONT "$w2" 2>/dev/null; kill -TERM "$w1" "$w2" 2>/dev/null
  for _ in $(seq 300); do kill -0 "$w1" 2>/dev/null || kill -0 "$w2" 2>/dev/null || break; sleep 0.1; done
  for w in "$w1" "$w2"; do
    if kill -0 "$w" 2>/dev/null; then echo "   (worker $w did not exit within 30 s of SIGTERM; killed)"; kill -9 "$w"; fi
  done
  wait "$w1" "$w2" 2>/dev/null
}
coordinator() {   # coordinator NAME: a cluster run into $out/NAME, its stamped log in $out/NAME.log
  "${hnn[@]}" simulate "$experiment" --out "$out/$1" --cluster --seed "$seed" --workers 2 --checkpoint-every 20 2>&1 | stamp > "$out/$1.log" &
}
wait_progress() {   # wait_progress NAME MS: until the run has simulated at least MS ms
  until awk -v ms="$2" '$2 == "trial" { split($4, a, "/"); if (a[1] + 0 >= ms) found = 1 } END { exit !found }' "$out/$1.log" 2>/dev/null; do sleep 0.1; done
}
resumed_after() {   # resumed_after NAME T: seconds from T until the run reported progress again
  awk -v t="$2" '$1 > t && $2 == "trial" { printf "%.1f", $1 - t; found = 1; exit } END { if (!found) printf "never" }' "$out/$1.log"
}

echo "== local run (the reference)"
"${hnn[@]}" simulate "$experiment" --out "$out/local" | tail -1

echo "== undisturbed cluster run (2 workers)"
start_workers
t0=$(now); coordinator plain; wait $!
echo "   $(identical plain), $(since "$t0") s"
base=$(since "$t0")

echo "== A. kill -9 worker 2 mid-run"
t0=$(now); coordinator kill9; c=$!
wait_progress kill9 40
tk=$(now); kill -9 "$w2"
wait "$c"
echo "   $(identical kill9); killed at 40 ms of simulated time; progress again $(resumed_after kill9 "$tk") s after the kill; run $(since "$t0") s (undisturbed $base s)"
stop_workers

echo "== B. worker 2 frozen with SIGSTOP for 30 s"
start_workers
t0=$(now); coordinator frozen; c=$!
wait_progress frozen 40
tk=$(now); kill -STOP "$w2"
( sleep 30; kill -CONT "$w2" 2>/dev/null ) &
thaw=$!
wait "$c"
echo "   $(identical frozen); frozen at 40 ms; progress again $(resumed_after frozen "$tk") s after the freeze; run $(since "$t0") s (undisturbed $base s)"
wait "$thaw"
stop_workers

echo "== C. the coordinator killed with kill -9 mid-run, then a new coordinator"
start_workers
coordinator orphaned
wait_progress orphaned 40
pkill -9 -f "simulate $experiment --out $out/orphaned" ; tk=$(now)
sleep 1
t0=$(now); coordinator next; wait $!
echo "   next coordinator: $(identical next), started 1 s after the kill, run $(since "$t0") s (undisturbed $base s)"

echo "== D. two coordinators at once on the same workers"
t0=$(now); coordinator twin1; c1=$!; coordinator twin2; c2=$!
wait "$c1"; e1=$(now); wait "$c2"; e2=$(now)
echo "   first: $(identical twin1), $(since "$t0" "$e1") s; second: $(identical twin2), $(since "$t0" "$e2") s (one alone: $base s)"
stop_workers

echo "== E. kill -9 worker 2 while the shards are being built"
start_workers
t0=$(now); coordinator build; c=$!
# Killed as soon as the coordinator has found its workers, i.e. while it places and builds the shards.
until grep -q " workers: " "$out/build.log" 2>/dev/null; do sleep 0.05; done
tk=$(now); kill -9 "$w2"
wait "$c"
echo "   $(identical build); killed $(since "$t0" "$tk") s after the coordinator started, before any progress; run $(since "$t0") s (undisturbed $base s)"
stop_workers

echo "== F. kill -9 both workers mid-run"
start_workers
t0=$(now); coordinator none; c=$!
wait_progress none 40
tk=$(now); kill -9 "$w1" "$w2"
wait "$c"; te=$(now)
terr=$(grep 'no worker is left' "$out/none.log" | head -1 | awk '{print $1}')
echo "   the error $(since "$tk" "${terr:-$te}") s after the kill (the process ended after $(since "$tk" "$te") s): $(grep -o 'worker.*lost.*' "$out/none.log" | head -1 | cut -c1-160)"
stop_workers

echo "== G. the coordinator is the seed, and it is killed; a new coordinator at the same address"
cport=$((port + 1)); cseed="akka.tcp://hnn@127.0.0.1:$cport"
"${hnn[@]}" simulate "$experiment" --out "$out/seeded" --cluster --port "$cport" --workers 2 --checkpoint-every 20 2>&1 | stamp > "$out/seeded.log" &
sleep 2
"${hnn[@]}" node --role worker --host 127.0.0.1 --port 0 --seed "$cseed" > "$out/worker-g1.log" 2>&1 & w1=$!; pids+=("$w1")
"${hnn[@]}" node --role worker --host 127.0.0.1 --port 0 --seed "$cseed" > "$out/worker-g2.log" 2>&1 & w2=$!; pids+=("$w2")
wait_progress seeded 40
pkill -9 -f "simulate $experiment --out $out/seeded"; tk=$(now)
sleep 1
t0=$(now)
"${hnn[@]}" simulate "$experiment" --out "$out/reseeded" --cluster --port "$cport" --workers 2 --checkpoint-every 20 2>&1 | stamp > "$out/reseeded.log"
echo "   next coordinator: $(identical reseeded), started 1 s after the kill, run $(since "$t0") s; workers still running: $(kill -0 "$w1" 2>/dev/null && kill -0 "$w2" 2>/dev/null && echo yes || echo no)"
stop_workers

echo "== I. kill -9 worker 1 (the seed) mid-run"
start_workers
t0=$(now); coordinator seedkill; c=$!
wait_progress seedkill 40
tk=$(now); kill -9 "$w1"
wait "$c"
echo "   $(identical seedkill); progress again $(resumed_after seedkill "$tk") s after the kill; run $(since "$t0") s; worker 2 still running: $(kill -0 "$w2" 2>/dev/null && echo yes || echo no)"
stop_workers

echo "== H. a worker whose seed cannot be reached"
t0=$(now)
"${hnn[@]}" node --role worker --host 127.0.0.1 --port 0 --seed "akka.tcp://hnn@127.0.0.1:$((port + 2))" --join-timeout 5 > "$out/worker-h.log" 2>&1
code=$?
echo "   exit code $code after $(since "$t0") s: $(grep -o 'could not join.*' "$out/worker-h.log" | cut -c1-120)"
