#!/bin/sh
# scripts/distortions.sh LENET DATA_DIR TEX_OUT [RUNS_DIR]
# The evidence for --distortion's default (`make distortions`): both networks trained on
# affine copies (--augment affine) with the ranges times each factor of FACTORS, over
# seeds 1..SEEDS, and the best epoch's VALIDATION accuracy of every run collected (the
# choice is made on it alone; the test accuracy is shown beside it, not used).  Writes
# TEX_OUT: a table of mean and sd per factor and network, and macros naming the
# command, the date, the machine and the factor with the highest mean validation
# accuracy over both networks.
# Environment: FACTORS (default 0.5 0.75 1), SEEDS (5), JOBS (runs at a time, 2; each
# run uses one thread), TRAIN_OPTS (more options for every run), KEEP=1 (keep a
# factor's runs from an earlier call when its summary.txt is there).
set -eu
lenet=$1 data=$2 tex=$3 runs=${4:-$(dirname "$3")/distortions}
seeds=${SEEDS:-5} jobs=${JOBS:-2} factors=${FACTORS:-"0.5 0.75 1"}
# The default is what `lenet train --help` says it is, not a copy of it here.
def=$("$lenet" train --help | sed -n 's/.*times X (\([0-9.]*\)).*/\1/p')
test -n "$def" || { echo "distortions.sh: cannot read --distortion's default from $lenet train --help" >&2; exit 1; }
mkdir -p "$runs" "$(dirname "$tex")"
n=0
for f in $factors; do
  for v in lenet5 dsc; do
    if test "${KEEP:-0}" = 1 && test -f "$runs/x$f-$v/summary.txt"; then
      echo "distortions.sh: $v, ranges times $f: keeping the runs in $runs/x$f-$v"
      continue
    fi
    echo "distortions.sh: $v, ranges times $f, seeds 1-$seeds"
    "$lenet" train --variant "$v" --augment affine --distortion "$f" --seeds "$seeds" \
      --seed 1 --quiet --threads 1 ${TRAIN_OPTS:-} --data "$data" --out "$runs/x$f-$v" &
    n=$((n + 1))
    if test $((n % jobs)) -eq 0; then wait; fi
  done
done
wait
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
cmd=${DISTORTIONS_COMMAND:-make distortions}
if test -n "${FACTORS:-}"; then cmd="FACTORS=\"$FACTORS\" $cmd"; fi
if test -n "${SEEDS:-}"; then cmd="SEEDS=$SEEDS $cmd"; fi
if test -n "${TRAIN_OPTS:-}"; then cmd="TRAIN_OPTS=\"$TRAIN_OPTS\" $cmd"; fi
# One row per factor and network: mean and sd (N-1) of the validation accuracy, mean
# test accuracy, mean best epoch, runs.
for f in $factors; do
  for v in lenet5 dsc; do
    awk -v f="$f" -v v="$v" '
      /^net / { on = 1; next } /^parameters:/ { on = 0 }
      on && $1 == v && NF >= 10 { n++; a[n] = $6; t += $7; e += $4 }
      END { if (!n) exit 1; m = 0; for (i = 1; i <= n; i++) m += a[i]; m /= n
            q = 0; for (i = 1; i <= n; i++) q += (a[i] - m)^2
            sd = n > 1 ? sqrt(q / (n - 1)) : 0
            printf "%s %s %.2f %.2f %.2f %.1f %d\n", f, v, m, sd, t / n, e / n, n }
    ' "$runs/x$f-$v/summary.txt" || { echo "distortions.sh: no runs of $v in $runs/x$f-$v" >&2; exit 1; }
  done
done > "$runs/table.txt"
cat "$runs/table.txt"
awk -v def="$def" -v cmd="$cmd" -v seeds="$seeds" -v date="$(date -u +%Y-%m-%d)" \
    -v machine="$(nproc) cores, $cpu" '
  function tt(s) { gsub(/_/, "\\_", s); return s }
  { f[NR] = $1; net[NR] = $2; m[NR] = $3; sd[NR] = $4; t[NR] = $5; ep[NR] = $6
    sum[$1] += $3; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  END {
    best = order[1]
    for (i = 2; i <= k; i++) if (sum[order[i]] > sum[best]) best = order[i]
    printf "\\newcommand{\\DistortionsCommand}{\\texttt{%s}}%%\n", tt(cmd)
    printf "\\newcommand{\\DistortionsDate}{%s}%%\n", date
    printf "\\newcommand{\\DistortionsMachine}{%s}%%\n", tt(machine)
    printf "\\newcommand{\\DistortionsSeeds}{1 to %d}%%\n", seeds
    printf "\\newcommand{\\DistortionsDefault}{%s}%%\n", def
    printf "\\newcommand{\\DistortionsBest}{%s}%%\n", best
    if (best + 0 == def + 0)
      w = "the default has the highest mean validation accuracy of the factors tried, over both networks"
    else if (!(def in seen))
      w = sprintf("the default was not tried; of the factors tried, %s has the highest mean validation accuracy over both networks", best)
    else
      w = sprintf("%s has a higher mean validation accuracy over both networks than the default, %.2f\\%% against %.2f\\%%", best, sum[best] / 2, sum[def] / 2)
    printf "\\newcommand{\\DistortionsVerdict}{%s}%%\n", w
    printf "\\newcommand{\\DistortionsTable}{\\begin{tabular}{llrrrr}\\toprule\n"
    printf "network & ranges times & val.\\ \\%% (mean) & sd & test \\%% (mean) & best epoch \\\\ \\midrule\n"
    for (i = 1; i <= NR; i++) if (net[i] == "lenet5")
      printf "%s & %s%s & %.2f & %.2f & %.2f & %.1f \\\\\n", net[i], f[i],
             f[i] + 0 == def + 0 ? " (default)" : "", m[i], sd[i], t[i], ep[i]
    printf "\\midrule\n"
    for (i = 1; i <= NR; i++) if (net[i] == "dsc")
      printf "%s & %s%s & %.2f & %.2f & %.2f & %.1f \\\\\n", net[i], f[i],
             f[i] + 0 == def + 0 ? " (default)" : "", m[i], sd[i], t[i], ep[i]
    printf "\\bottomrule\\end{tabular}}%%\n" }
' "$runs/table.txt" > "$tex.tmp"
mv "$tex.tmp" "$tex"
echo "distortions.sh: wrote $tex"
