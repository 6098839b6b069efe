#!/bin/sh
# scripts/other-digits.sh WEIGHTS...: how `lenet predict` does on handwriting that is not
# MNIST's.  The 1,797 digits of UCI's optdigits set (43 writers other than MNIST's,
# 8x8 pixels with 17 grey levels; Debian's python3-sklearn ships them) are written as
# dark-on-light 8x8 PGM files, classified with each weights file, and the accuracy
# printed, then its mean over the files when there are several (the seeds of a
# --seeds run: seed-*/lenet5.safetensors).  MNIST's normalisation (bounding box to
# 20x20, centre of mass to the centre) is what makes these tiny scans usable at all.
#   scripts/other-digits.sh results/lenet5.safetensors
#   LENET=/usr/local/bin/lenet scripts/other-digits.sh doc/augment-affine/seed-*/lenet5.safetensors
set -eu
test $# -gt 0 || { echo "usage: scripts/other-digits.sh WEIGHTS..." >&2; exit 2; }
lenet=${LENET:-./lenet}
csv=$(/usr/bin/python3 -c 'import sklearn.datasets, os; print(os.path.join(
  os.path.dirname(sklearn.datasets.__file__), "data", "digits.csv.gz"))' 2>/dev/null) \
  || { echo "other-digits: needs python3-sklearn (apt-get install python3-sklearn)" >&2
       exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zcat "$csv" | awk -F, -v dir="$tmp" 'NF == 65 {
  f = sprintf("%s/d%04d.pgm", dir, n++); printf "P2\n8 8\n16\n" > f
  for (i = 1; i <= 64; i++) printf "%d ", 16 - $i > f
  printf "\n" > f; close(f); print f "," $65 > (dir "/labels") }'
for weights in "$@"; do
  "$lenet" predict --weights "$weights" --format csv "$tmp"/d*.pgm > "$tmp/pred"
  awk -F, -v w="$weights" 'NR == FNR { label[$1] = $2; next }
    FNR > 1 { n++; ok += $2 == label[$1] }
    END { printf "optdigits (UCI, 8x8 scans, dark on light): %d of %d right, %.2f%%  %s\n",
          ok, n, 100 * ok / n, w }' "$tmp/labels" "$tmp/pred"
done | tee "$tmp/all"
if test $# -gt 1; then
  awk '{ a = $0; sub(/%.*/, "", a); sub(/.* /, "", a); s += a; q += a * a; n++ }
    END { m = s / n; printf "mean over %d weights files: %.2f%% (sd %.2f)\n", n, m,
          sqrt((q - n * m * m) / (n - 1)) }' "$tmp/all"
fi
