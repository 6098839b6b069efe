#!/bin/sh
# scripts/defaults.sh LENET DATA_DIR TEX_OUT [RUNS_DIR]
# The evidence for the training defaults (`make defaults`): both networks trained with
# a small grid of learning rates and weight decays around the defaults, each setting
# over seeds 1..SEEDS, and the best epoch's VALIDATION accuracy of every run collected
# (never the test accuracy: choosing by the test set would leave no unseen data to
# report).  Writes TEX_OUT: a table of mean and sd per setting and network, and macros
# naming the command, the date, the machine and, per network, which setting did best.
# Environment: GRID (lr:weight-decay pairs; default 1e-3 3e-3 6e-3 1e-2 times 1e-4 and 0),
# SEEDS (3), JOBS (runs at a time, 2; each run uses one thread), TRAIN_OPTS (more
# options for every run, e.g. --limit for a quick try of this script), KEEP=1 (keep a
# setting's runs from an earlier call when its summary.txt is there, to extend a grid).
set -eu
lenet=$1 data=$2 tex=$3 runs=${4:-$(dirname "$3")/defaults}
seeds=${SEEDS:-3} jobs=${JOBS:-2}
grid=${GRID:-"1e-3:1e-4 3e-3:1e-4 6e-3:1e-4 1e-2:1e-4 1e-3:0 3e-3:0 6e-3:0 1e-2:0"}
# The defaults are what `lenet train --help` says they are, not a copy of them here.
help=$("$lenet" train --help)
# The learning rate is each network's own: "(lenet5 3e-3, dsc 6e-3; ...".
dlr=$(printf '%s\n' "$help" | sed -n 's/^ *--lr X .*(lenet5 \([^,]*\), dsc \([^;)]*\)[;)].*/\1/p')
dlrd=$(printf '%s\n' "$help" | sed -n 's/^ *--lr X .*(lenet5 \([^,]*\), dsc \([^;)]*\)[;)].*/\2/p')
dwd=$(printf '%s\n' "$help" | sed -n 's/^ *--weight-decay X .*(\([^;)]*\)[;)].*/\1/p')
test -n "$dlr" && test -n "$dlrd" && test -n "$dwd" || { echo "defaults.sh: cannot read the defaults from $lenet train --help" >&2; exit 1; }
mkdir -p "$runs" "$(dirname "$tex")"
n=0
for s in $grid; do
  lr=${s%%:*} wd=${s#*:}
  if test "${KEEP:-0}" = 1 && test -f "$runs/lr$lr-wd$wd/summary.txt"; then
    echo "defaults.sh: lr $lr, weight decay $wd: keeping the runs in $runs/lr$lr-wd$wd"
    continue
  fi
  echo "defaults.sh: lr $lr, weight decay $wd, seeds 1-$seeds"
  "$lenet" train --seeds "$seeds" --seed 1 --quiet --threads 1 --lr "$lr" \
    --weight-decay "$wd" ${TRAIN_OPTS:-} --data "$data" --out "$runs/lr$lr-wd$wd" &
  n=$((n + 1))
  if test $((n % jobs)) -eq 0; then wait; fi
done
wait
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
cmd=${DEFAULTS_COMMAND:-make defaults}
if test -n "${GRID:-}"; then cmd="GRID=\"$GRID\" $cmd"; fi
if test -n "${SEEDS:-}"; then cmd="SEEDS=$SEEDS $cmd"; fi
if test -n "${TRAIN_OPTS:-}"; then cmd="TRAIN_OPTS=\"$TRAIN_OPTS\" $cmd"; fi
if test "${KEEP:-0}" = 1; then cmd="KEEP=1 $cmd"; fi
# One row per setting: network, lr, wd, mean and sd (N-1) of the validation accuracy,
# mean best epoch; then, per network, the best setting against the defaults.
for s in $grid; do
  lr=${s%%:*} wd=${s#*:}
  awk -v lr="$lr" -v wd="$wd" '
    /^net / { on = 1; next } /^parameters:/ { on = 0 }
    on && ($1 == "lenet5" || $1 == "dsc") && NF >= 10 {
      n[$1]++; a[$1, n[$1]] = $6; e[$1] += $4 }
    END { for (v in n) { m = 0; for (i = 1; i <= n[v]; i++) m += a[v, i]; m /= n[v];
            q = 0; for (i = 1; i <= n[v]; i++) q += (a[v, i] - m)^2;
            sd = n[v] > 1 ? sqrt(q / (n[v] - 1)) : 0;
            printf "%s %s %s %.2f %.2f %.1f %d\n", v, lr, wd, m, sd, e[v] / n[v], n[v] } }
  ' "$runs/lr$lr-wd$wd/summary.txt"
done | sort -s -k1,1r > "$runs/table.txt"
cat "$runs/table.txt"
awk -v dlr="$dlr" -v dlrd="$dlrd" -v dwd="$dwd" -v cmd="$cmd" \
    -v grid="$grid" -v seeds="$seeds" -v date="$(date -u +%Y-%m-%d)" \
    -v machine="$(nproc) cores, $cpu" \
    -v benchmachine="$(sh "$(dirname "$0")/bench.sh" --machine)" '
  function tt(s) { gsub(/_/, "\\_", s); return s }
  { net[NR] = $1; lr[NR] = $2; wd[NR] = $3; m[NR] = $4; sd[NR] = $5; ep[NR] = $6
    def = ($2 + 0 == ($1 == "dsc" ? dlrd : dlr) + 0 && $3 + 0 == dwd + 0)
    if (def) { dm[$1] = $4; dsd[$1] = $5 }
    if (!($1 in bm) || $4 > bm[$1]) { bm[$1] = $4; bsd[$1] = $5; bset[$1] = "learning rate " $2 ", weight decay " $3; bdef[$1] = def }
    isdef[NR] = def }
  END {
    printf "%% machine: %s\n", benchmachine
    printf "\\newcommand{\\DefaultsCommand}{\\texttt{%s}}%%\n", tt(cmd)
    printf "\\newcommand{\\DefaultsDate}{%s}%%\n", date
    printf "\\newcommand{\\DefaultsMachine}{%s}%%\n", tt(machine)
    printf "\\newcommand{\\DefaultsSeeds}{1 to %d}%%\n", seeds
    printf "\\newcommand{\\DefaultsLr}{%s}%%\n\\newcommand{\\DefaultsLrDsc}{%s}%%\n", dlr, dlrd
    printf "\\newcommand{\\DefaultsWd}{%s}%%\n", dwd
    for (v in bm) {
      name = v == "lenet5" ? "Lenet" : "Dsc"
      if (!(v in dm)) w = "the defaults were not in the grid"
      else if (bdef[v]) w = "no setting tried has a higher mean validation accuracy than the defaults"
      else { d = bm[v] - dm[v]; sp = bsd[v] > dsd[v] ? bsd[v] : dsd[v]
        w = sprintf("%s has a higher mean validation accuracy than the defaults, %.2f\\%% against %.2f\\%%: %.2f points, %s the larger of their standard deviations over the seeds (%.2f)", bset[v], bm[v], dm[v], d, d > sp ? "more than" : "no more than", sp) }
      printf "\\newcommand{\\Defaults%sVerdict}{%s}%%\n", name, w
    }
    printf "\\newcommand{\\DefaultsTable}{\\begin{tabular}{llrrr}\\toprule\n"
    printf "network & setting & val.\\ \\%% (mean) & sd & best epoch \\\\ \\midrule\n"
    for (i = 1; i <= NR; i++)
      printf "%s & lr %s, wd %s%s & %.2f & %.2f & %.1f \\\\\n", net[i], lr[i], wd[i],
             isdef[i] ? " (defaults)" : "", m[i], sd[i], ep[i]
    printf "\\bottomrule\\end{tabular}}%%\n" }
' "$runs/table.txt" > "$tex.tmp"
mv "$tex.tmp" "$tex"
echo "defaults.sh: wrote $tex"
