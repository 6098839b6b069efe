#!/bin/sh
# scripts/bench.sh LENET DATA_DIR [TEX_OUT]
# The figures of `make bench`: the BLAS's sgemm rate, one training epoch of each
# network (SGD, batch 64) with 1 and 2 threads, the same epoch in PyTorch when
# Debian's python3-torch is installed, the ratios, and a per-primitive profile.
# Every number is measured in this run.  With TEX_OUT, also writes the table as
# LaTeX macros for the report's speed section, and the profile beside it (profile.txt).
set -eu
lenet=$1 data=$2 tex=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp "${TMPDIR:-/tmp}/lenet-bench.XXXXXX")
trap 'rm -f "$log"' EXIT

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "machine: $(nproc) cores, $cpu"
for t in 1 2; do "$lenet" bench --sgemm --threads $t | tee -a "$log"; done
for t in 1 2; do
  for v in lenet5 dsc; do
    "$lenet" bench --variant $v --threads $t --data "$data" | tee -a "$log"
  done
done
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  for t in 1 2; do
    for v in lenet5 dsc; do
      /usr/bin/python3 "$here/torch_lenet.py" "$data" $v $t | tee -a "$log"
    done
  done
else
  echo "python3-torch is not installed: no PyTorch reference (apt-get install python3-torch)"
fi

# key=value lines -> a summary with ratios (PyTorch's best thread count vs ours)
awk '
function kv(s,   i, n, a, p) { delete f; n = split(s, a, " ");
  for (i = 2; i <= n; i++) { split(a[i], p, "="); f[p[1]] = p[2] } }
$1 == "bench" && $2 ~ /^sgemm/ { kv($0); gemm[f["threads"]] = f["gflops"] }
$1 == "bench" && $2 ~ /^variant/ { kv($0); k = f["variant"] "," f["threads"];
  sec[k] = f["seconds"]; gf[k] = f["gflops"]; rss[k] = f["peak_rss_mb"]; ips[k] = f["images_per_s"] }
$1 == "torch" { kv($0); v = f["variant"]; ts[v "," f["threads"]] = f["seconds"];
  if (!(v in tbest) || f["seconds"] < tbest[v]) tbest[v] = f["seconds"] }
END {
  printf "\nsummary (one epoch of 60000 images, SGD, batch 64)\n"
  printf "%-7s %7s %9s %8s %8s %9s %9s %9s\n", "network", "threads", "s/epoch", "img/s",
         "GFLOP/s", "%sgemm", "peak MB", "torch x"
  split("lenet5 dsc", vs, " ")
  for (i = 1; i <= 2; i++) for (t = 1; t <= 2; t++) {
    k = vs[i] "," t
    if (!(k in sec)) continue
    r = (vs[i] in tbest) ? sprintf("%.2f", tbest[vs[i]] / sec[k]) : "-"
    printf "%-7s %7d %9.2f %8d %8.2f %8.1f%% %9.1f %9s\n", vs[i], t, sec[k], ips[k], gf[k],
           100 * gf[k] / gemm[t], rss[k], r
  }
  for (i = 1; i <= 2; i++) if (vs[i] in tbest)
    printf "PyTorch %s: best %.2f s/epoch (1 thread %.2f, 2 threads %.2f)\n", vs[i],
           tbest[vs[i]], ts[vs[i] ",1"], ts[vs[i] ",2"]
}' "$log" | tee -a "$log.sum"

if [ -n "$tex" ]; then
  awk -v cpu="$cpu" -v cores="$(nproc)" '
  function kv(s,   i, n, a, p) { delete f; n = split(s, a, " ");
    for (i = 2; i <= n; i++) { split(a[i], p, "="); f[p[1]] = p[2] } }
  $1 == "bench" && $2 ~ /^sgemm/ { kv($0); gemm[f["threads"]] = f["gflops"] }
  $1 == "bench" && $2 ~ /^variant/ { kv($0); k = f["variant"] "," f["threads"];
    sec[k] = f["seconds"]; gf[k] = f["gflops"]; rss[k] = f["peak_rss_mb"] }
  $1 == "torch" { kv($0); v = f["variant"]; ts[v "," f["threads"]] = f["seconds"];
    if (!(v in tbest) || f["seconds"] < tbest[v]) tbest[v] = f["seconds"] }
  END {
    printf "\\newcommand{\\BenchMachine}{%d cores, %s}\n", cores, cpu
    printf "\\newcommand{\\BenchGemmOne}{%.0f}\n\\newcommand{\\BenchGemmTwo}{%.0f}\n", gemm[1], gemm[2]
    printf "\\newcommand{\\BenchTable}{\\begin{tabular}{lrrrrrrr}\\toprule\n"
    printf "network & threads & s/epoch & GFLOP/s & \\%% of sgemm & peak MB & PyTorch s/epoch"
    printf " & PyTorch best / ours \\\\ \\midrule\n"
    split("lenet5 dsc", vs, " ")
    for (i = 1; i <= 2; i++) for (t = 1; t <= 2; t++) { k = vs[i] "," t
      printf "%s & %d & %.2f & %.1f & %.1f & %.0f & %s & %s \\\\\n", vs[i], t, sec[k], gf[k],
             100 * gf[k] / gemm[t], rss[k], (k in ts) ? ts[k] : "--",
             (vs[i] in tbest) ? sprintf("%.2f", tbest[vs[i]] / sec[k]) : "--" }
    printf "\\bottomrule\\end{tabular}}\n"
  }' "$log" > "$tex.tmp" && mv "$tex.tmp" "$tex"
  echo "wrote $tex"
fi
rm -f "$log.sum"

echo
if [ -n "$tex" ]; then
  "$lenet" bench --primitives --threads 1 | tee "$(dirname "$tex")/profile.txt"
else
  "$lenet" bench --primitives --threads 1
fi
