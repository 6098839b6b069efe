#!/bin/sh
# scripts/bench.sh [--quick] LENET DATA_DIR [TEX_OUT]      (make bench; make doc uses --quick)
# scripts/bench.sh --machine                               (the machine's name, one line)
#
# The figures of the report's speed section, every one measured in this run: the
# 2-core FMA peak and the BLAS's sgemm rate; the vector tanh's error; one training
# epoch (SGD, batch 64) of each network and activation with 1 and 2 threads, and the
# same epoch in PyTorch (lenet_torch.py epoch; python3-torch) in both of its
# configurations (OpenBLAS's own thread pool on, and OPENBLAS_NUM_THREADS=1), each with
# 1 and 2 threads, ours and PyTorch alternating, in BENCH_ROUNDS rounds (3), medians;
# the same epoch of each network / ReLU with 2 threads on distorted copies
# (--augment elastic), for what the distortions cost an epoch;
# the training seconds until LeNet-5 first reaches BENCH_TARGET% (99) test accuracy with
# the defaults, seeds BENCH_SEEDS (1 2 3), ours and PyTorch (lenet_torch.py accuracy);
# LeNet-5 / ReLU with the default thread count (which leaves cores that other programs
# keep busy), on the quiet machine and, with 1 and 2 threads too, beside a busy process
# of the script's own; and a per-primitive profile (profile.txt beside TEX_OUT).
# Before each round the script sleeps one second and measures how much of the machine
# others used meanwhile; that, and the spread of the rounds, decide whether the table
# goes into the report or a warning does.  --quick: one round, 12800 images, no PyTorch,
# no time to accuracy.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
machine="$(uname -n), $(nproc) cores, $cpu"
if [ "${1:-}" = --machine ]; then echo "$machine"; exit 0; fi
quick=false
if [ "${1:-}" = --quick ]; then quick=true; shift; fi
lenet=$1 data=$2 tex=${3:-}
rounds=${BENCH_ROUNDS:-3} seeds=${BENCH_SEEDS:-1 2 3} limit=${BENCH_LIMIT:-}
target=${BENCH_TARGET:-99}
torch=false
if ! $quick && /usr/bin/python3 -c 'import torch' 2>/dev/null; then torch=true; fi
if $quick; then rounds=1 limit=${limit:-12800}; fi
log=$(mktemp "${TMPDIR:-/tmp}/lenet-bench.XXXXXX")
trap 'rm -f "$log"' EXIT

# Percent of the machine's CPU time used by other processes while we sleep 1 s.
busy() {
  a=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat); sleep 1
  b=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat)
  echo "$a $b" | awk '{u = $3 - $1; i = $4 - $2; printf "%.0f\n", u + i ? 100 * u / (u + i) : 0}'
}
run() { echo "+ $*" >&2; "$@" | tee -a "$log"; }

echo "machine: $machine"
echo "bench date=$(date -u '+%Y-%m-%d_%H:%M_UTC')" >> "$log"
for t in 1 2; do run "$lenet" bench --fma --threads $t; run "$lenet" bench --sgemm --threads $t; done
run "$lenet" bench --tanh-error
lim=${limit:+--limit $limit}
for r in $(seq "$rounds"); do
  echo "bench busy round=$r percent=$(busy)" | tee -a "$log"
  for v in lenet5 dsc; do
    for a in relu tanh; do
      for t in 1 2; do
        run "$lenet" bench --variant $v --activation $a --threads $t --data "$data" $lim
      done
      if [ $v$a = lenet5relu ] && ! $quick; then
        run "$lenet" bench --variant $v --activation $a --data "$data" $lim
      fi
      if [ $a = relu ]; then
        run "$lenet" bench --variant $v --activation $a --threads 2 --augment elastic \
          --data "$data" $lim
      fi
      if $torch; then
        for ob in default 1; do
          for t in 1 2; do
            if [ $ob = 1 ]; then export OPENBLAS_NUM_THREADS=1; fi
            run /usr/bin/python3 "$here/lenet_torch.py" epoch "$data" $v $a $t $limit
            unset OPENBLAS_NUM_THREADS
          done
        done
      fi
    done
  done
done
echo "bench busy round=end percent=$(busy)" | tee -a "$log"
awk -f "$here/bench-summary.awk" -v want=text "$log" > /dev/null   # fail early on a broken log
if ! $quick; then
  # A shared machine: one busy process beside LeNet-5 / ReLU on 1, 2 and the default
  # number of threads.  The shell loop is the busy process; it is killed on any exit.
  sh -c 'while :; do :; done' & hog=$!
  trap 'kill $hog 2>/dev/null || true; rm -f "$log"' EXIT
  echo "bench load=begin" >> "$log"
  for r in $(seq "$rounds"); do
    for t in 1 2 shared; do
      if [ $t = shared ]; then tt=; else tt="--threads $t"; fi
      run "$lenet" bench --variant lenet5 --activation relu $tt --data "$data" $lim
    done
  done
  echo "bench load=end" >> "$log"
  kill $hog; wait $hog 2>/dev/null || true
fi
if ! $quick; then
  for s in $seeds; do
    run "$lenet" bench --to-accuracy "$target" --seed "$s" --data "$data"
    if $torch; then          # PyTorch in its fastest configuration for LeNet-5 / ReLU
      cfg=$(awk -f "$here/bench-summary.awk" -v want=torchbest "$log")
      if [ "${cfg#*openblas=}" = 1 ]; then export OPENBLAS_NUM_THREADS=1; fi
      t=${cfg%% *}; t=${t#threads=}
      run /usr/bin/python3 "$here/lenet_torch.py" accuracy "$data" "$s" "$target" "$t"
      unset OPENBLAS_NUM_THREADS
    fi
  done
fi

awk -f "$here/bench-summary.awk" -v want=text "$log"
if [ -n "$tex" ]; then
  awk -f "$here/bench-summary.awk" -v want=tex -v machine="$machine" -v quick="$quick" \
    "$log" > "$tex.tmp" && mv "$tex.tmp" "$tex"
  echo "wrote $tex"
  "$lenet" bench --primitives --threads 1 > "$(dirname "$tex")/profile.txt"
  cat "$(dirname "$tex")/profile.txt"
fi
