# scripts/bench-summary.awk: the log of scripts/bench.sh (key=value lines) turned into
#   want=text       a summary for the terminal,
#   want=tex        the LaTeX macros of the report's speed section (machine=, quick=),
#   want=torchbest  PyTorch's fastest configuration for LeNet-5 / ReLU, "threads=T openblas=O".
# Epoch times are medians over the rounds, scaled to 60,000 images.  The machine counts
# as quiet when others used at most 10% of it before every round and the slowest round
# of any of our configurations is within 15% of its fastest.  (PyTorch's rounds are
# left out of that test: its default configuration starts OpenBLAS's threads besides
# its own, more threads than cores, and varies by itself from round to round.)
function kv(s,   i, m, a, p) { delete f; m = split(s, a, " ")
  for (i = 2; i <= m; i++) if (split(a[i], p, "=") == 2) f[p[1]] = p[2] }
function add(key, x) { cnt[key]++; val[key, cnt[key]] = x; keys[key] = 1 }
function median(key,   i, j, t, a, m) { m = cnt[key]; if (!m) return -1
  for (i = 1; i <= m; i++) a[i] = val[key, i]
  for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
    t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
  return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
function spread(key,   i, lo, hi) { lo = hi = val[key, 1]
  for (i = 2; i <= cnt[key]; i++) { if (val[key, i] < lo) lo = val[key, i]
    if (val[key, i] > hi) hi = val[key, i] }
  return lo > 0 ? hi / lo : 1 }
function rounds(   r) { r = cnt["ours,lenet5,relu,1"]; return r ? r : 0 }
# A run that never reached the target shows as such, and is left out of the median.
function reached(sec, ok, key) { if (ok + 0) { add(key, sec); return sprintf("%.1f", sec) }
  return sprintf("not reached (%.0f s)", sec) }
function min2(a, b) { return a < 0 ? b : b < 0 ? a : a < b ? a : b }
function num(x, fmt) { return x < 0 ? "--" : sprintf(fmt, x) }
function tex_escape(s) { gsub(/[\\&%$#_{}~^]/, "\\\\&", s); return s }

$1 == "bench" && $2 ~ /^date=/ { kv($0); date = f["date"]; gsub(/_/, " ", date) }
$1 == "bench" && $2 == "fma" { kv($0); add("fma," f["threads"], f["gflops"]) }
$1 == "bench" && $2 ~ /^sgemm/ { kv($0); add("gemm," f["threads"], f["gflops"]) }
$1 == "bench" && $2 == "tanh_error" { kv($0); ulp[f["activation"]] = f["max_ulp"] }
$1 == "bench" && $2 == "busy" { kv($0); if (f["percent"] + 0 > busy) busy = f["percent"] + 0 }
$1 == "bench" && $2 ~ /^load=/ { kv($0); load = f["load"] == "begin" }
$1 == "bench" && $2 ~ /^variant=/ { kv($0); k = f["variant"] "," f["activation"] "," f["threads"]
  if ("augment" in f) { add("aug," k, f["seconds"] * 60000 / f["images"]); next }
  add((load ? "load," : "") "ours," k, f["seconds"] * 60000 / f["images"])
  if (!load) add("gf," k, f["gflops"]) }
$1 == "torch" && $2 ~ /^variant=/ { kv($0)
  add("torch," f["variant"] "," f["activation"] "," f["threads"] "," f["openblas"],
      f["seconds"] * 60000 / f["images"]) }
$1 == "bench" && $2 == "accuracy" { kv($0); nacc++; seed[nacc] = f["seed"]; target = f["target"]
  acc_ours[f["seed"]] = reached(f["seconds"], f["reached"], "acc,ours")
  add("start", f["load_seconds"] + f["start_seconds"]) }
$1 == "torch" && $2 == "accuracy" { kv($0)
  acc_torch[f["seed"]] = reached(f["seconds"], f["reached"], "acc,torch")
  acc_cfg = "threads=" f["threads"] ", OpenBLAS " f["openblas"] }

END {
  nv = split("lenet5 dsc", vs, " "); na = split("relu tanh", as, " ")
  worst = 1
  for (k in keys) if (k ~ /^ours,/ && cnt[k] > 1 && spread(k) > worst) worst = spread(k)
  quiet = busy <= 10 && worst <= 1.15
  fma2 = median("fma,2")
  for (i = 1; i <= nv; i++) for (j = 1; j <= na; j++) {
    k = vs[i] "," as[j]; o1[k] = median("ours," k ",1"); o2[k] = median("ours," k ",2")
    gf2[k] = median("gf," k ",2"); td[k] = -1; tb[k] = -1
    for (t = 1; t <= 2; t++) { td[k] = min2(td[k], median("torch," k "," t ",default"))
      x = median("torch," k "," t ",1"); tb[k] = min2(tb[k], min2(td[k], x))
      if (vs[i] == "lenet5" && as[j] == "relu") for (o = 0; o < 2; o++) {
        y = median("torch," k "," t "," (o ? "1" : "default"))
        if (y >= 0 && (best_cfg == "" || y < best_s)) {
          best_s = y; best_cfg = "threads=" t " openblas=" (o ? "1" : "default") } } }
    ratio[k] = tb[k] > 0 ? tb[k] / min2(o1[k], o2[k]) : -1 }
  # The default (shared) thread count: its cost on the quiet machine, and beside a busy
  # process the three thread counts and the default's time over one thread's.
  # What training on distorted copies (--augment elastic) adds to an epoch, 2 threads.
  for (i = 1; i <= nv; i++) { k = vs[i] ",relu"; a = median("aug," k ",2")
    augcost[vs[i]] = a > 0 && o2[k] > 0 ? a / o2[k] : -1 }
  sh = median("ours,lenet5,relu,2-shared")
  share_cost = sh > 0 && o2["lenet5,relu"] > 0 ? sh / o2["lenet5,relu"] : -1
  l1 = median("load,ours,lenet5,relu,1"); l2 = median("load,ours,lenet5,relu,2")
  ls = median("load,ours,lenet5,relu,2-shared"); lratio = ls > 0 && l1 > 0 ? ls / l1 : -1
  if (want == "torchbest") { print best_cfg == "" ? "threads=2 openblas=default" : best_cfg; exit }
  if (want == "text") {
    printf "\nsummary: medians of %d rounds, seconds per epoch of 60000 images (SGD, batch 64)\n", rounds()
    printf "%-7s %-5s %8s %8s %8s %7s %10s %10s %7s\n", "network", "act", "ours 1T", "ours 2T",
           "GFLOP/s", "%peak", "torch def", "torch best", "ratio"
    for (i = 1; i <= nv; i++) for (j = 1; j <= na; j++) { k = vs[i] "," as[j]
      printf "%-7s %-5s %8s %8s %8s %7s %10s %10s %7s\n", vs[i], as[j], num(o1[k], "%.2f"),
             num(o2[k], "%.2f"), num(gf2[k], "%.1f"), (fma2 > 0 ? num(100 * gf2[k] / fma2, "%.0f%%") : "--"),
             num(td[k], "%.2f"), num(tb[k], "%.2f"), num(ratio[k], "%.2fx") }
    printf "FMA peak %s / %s GFLOP/s on 1 / 2 threads; sgemm %s / %s\n", num(median("fma,1"), "%.0f"),
           num(fma2, "%.0f"), num(median("gemm,1"), "%.0f"), num(median("gemm,2"), "%.0f")
    for (a in ulp) printf "vector %s: worst error %s ulp\n", a, ulp[a]
    for (s = 1; s <= nacc; s++)
      printf "seconds to %s%% test accuracy, seed %s: ours %s, PyTorch %s\n", target, seed[s],
             acc_ours[seed[s]], (seed[s] in acc_torch) ? acc_torch[seed[s]] : "--"
    for (i = 1; i <= nv; i++) if (augcost[vs[i]] > 0)
      printf "%s / relu, 2 threads, --augment elastic: %.2f s, %.2f of the plain epoch's\n",
             vs[i], median("aug," vs[i] ",relu,2"), augcost[vs[i]]
    if (share_cost > 0) printf "default thread count on the quiet machine: %.2f s, %.3f of 2 threads'\n", sh, share_cost
    if (lratio > 0) printf "beside a busy process: 1 thread %.2f s, 2 threads %.2f s, default %.2f s (%.2f of 1 thread's)\n", l1, l2, ls, lratio
    if (cnt["start"])
      printf "start-up (reading the data, statistics, set-up, first batch): median %.2f s\n",
             median("start")
    printf "others used up to %d%% of the machine; slowest/fastest round %.2f: %s\n", busy, worst,
           quiet ? "quiet enough" : "WARNING: the machine was busy, these figures are unreliable"
  }
  if (want == "tex") {
    printf "%% machine: %s\n", machine
    printf "\\newcommand{\\BenchMachine}{%s}\n\\newcommand{\\BenchDate}{%s}\n", tex_escape(machine), date
    printf "\\newcommand{\\BenchQuick}{%d}\n\\newcommand{\\BenchRounds}{%d}\n", (quick == "true"), rounds()
    printf "\\newcommand{\\BenchBusy}{%d}\n\\newcommand{\\BenchSpread}{%.2f}\n", busy, worst
    printf "\\newcommand{\\BenchQuiet}{%d}\n", quiet
    printf "\\newcommand{\\BenchFmaOne}{%s}\n\\newcommand{\\BenchFmaTwo}{%s}\n", num(median("fma,1"), "%.0f"), num(fma2, "%.0f")
    printf "\\newcommand{\\BenchGemmOne}{%s}\n\\newcommand{\\BenchGemmTwo}{%s}\n", num(median("gemm,1"), "%.0f"), num(median("gemm,2"), "%.0f")
    printf "\\newcommand{\\BenchTanhUlp}{%s}\n\\newcommand{\\BenchScaledTanhUlp}{%s}\n",
           ("tanh" in ulp) ? ulp["tanh"] : "--", ("scaled_tanh" in ulp) ? ulp["scaled_tanh"] : "--"
    printf "\\newcommand{\\BenchTanhCost}{%s}\n", num((o2["lenet5,relu"] > 0 ? o2["lenet5,tanh"] / o2["lenet5,relu"] : -1), "%.2f")
    printf "\\newcommand{\\BenchTanhCostDsc}{%s}\n", num((o2["dsc,relu"] > 0 ? o2["dsc,tanh"] / o2["dsc,relu"] : -1), "%.2f")
    printf "\\newcommand{\\BenchAugmentCost}{%s}\n", num(augcost["lenet5"], "%.2f")
    printf "\\newcommand{\\BenchAugmentCostDsc}{%s}\n", num(augcost["dsc"], "%.2f")
    printf "\\newcommand{\\BenchPeakShare}{%s}\n", (fma2 > 0 ? num(100 * gf2["lenet5,relu"] / fma2, "%.0f") : "--")
    printf "\\newcommand{\\BenchTable}{\\begin{tabular}{llrrrrrrr}\\toprule\n"
    printf "network & activation & ours, 1 thread & ours, 2 threads & GFLOP/s, 2 threads & \\%% of FMA peak"
    printf " & PyTorch default & PyTorch at its best & ratio \\\\ \\midrule\n"
    for (i = 1; i <= nv; i++) for (j = 1; j <= na; j++) { k = vs[i] "," as[j]
      printf "%s & %s & %s & %s & %s & %s & %s & %s & %s \\\\\n", vs[i], as[j], num(o1[k], "%.2f"),
             num(o2[k], "%.2f"), num(gf2[k], "%.1f"), (fma2 > 0 ? num(100 * gf2[k] / fma2, "%.0f") : "--"),
             num(td[k], "%.2f"), num(tb[k], "%.2f"), num(ratio[k], "%.2f") }
    printf "\\bottomrule\\end{tabular}}\n"
    printf "\\newcommand{\\BenchHaveAccuracy}{%d}\n\\newcommand{\\BenchTarget}{%.1f}\n", (nacc > 0), target
    printf "\\newcommand{\\BenchStart}{%s}\n", num(cnt["start"] ? median("start") : -1, "%.2f")
    printf "\\newcommand{\\BenchHaveLoad}{%d}\n\\newcommand{\\BenchShareCost}{%s}\n", (lratio > 0), num(share_cost, "%.3f")
    printf "\\newcommand{\\BenchLoadOne}{%s}\n\\newcommand{\\BenchLoadTwo}{%s}\n", num(l1, "%.2f"), num(l2, "%.2f")
    printf "\\newcommand{\\BenchLoadShared}{%s}\n\\newcommand{\\BenchLoadRatio}{%s}\n", num(ls, "%.2f"), num(lratio, "%.2f")
    printf "\\newcommand{\\BenchAccuracyTorchConfig}{%s}\n", acc_cfg == "" ? "--" : acc_cfg
    printf "\\newcommand{\\BenchAccuracyMedian}{%s}\n\\newcommand{\\BenchAccuracyTorchMedian}{%s}\n",
           num(median("acc,ours"), "%.1f"), num(median("acc,torch"), "%.1f")
    printf "\\newcommand{\\BenchAccuracyTable}{\\begin{tabular}{lrr}\\toprule\n"
    printf "seed & ours (s) & PyTorch (s) \\\\ \\midrule\n"
    for (s = 1; s <= nacc; s++)
      printf "%s & %s & %s \\\\\n", seed[s], acc_ours[seed[s]],
             (seed[s] in acc_torch) ? acc_torch[seed[s]] : "--"
    printf "\\bottomrule\\end{tabular}}\n"
  }
}
