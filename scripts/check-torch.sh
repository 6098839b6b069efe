#!/bin/sh
# make check: scripts/lenet_torch.py, given weights that lenet trained, reproduces
# `lenet eval`'s test accuracy to 0.01% (one image in 10,000) for both networks with
# every value of every network setting (the test that its networks are lenet's),
# and `lenet predict`'s digit for 50 test digits saved as enlarged, inverted PGM files;
# and its `epoch` (make bench's reference, which no other test runs) prints the line
# that bench-summary.awk reads.
# Skipped (status 77) without python3-torch or without MNIST in data/; the predict
# comparison is left out, with a message, without python3-pil.
set -u
srcdir=${LENET_SRCDIR:-.}
data=$srcdir/data
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import torch, numpy' 2>/dev/null; then
  echo "SKIP: python3-torch is not installed (apt-get install python3-torch)"; exit 77
fi
echo "check-torch: $py, $("$py" -c 'import torch; print("torch", torch.__version__)')"
if [ ! -f "$data/t10k-images-idx3-ubyte" ] && [ ! -f "$data/t10k-images-idx3-ubyte.gz" ]; then
  echo "SKIP: no MNIST in $data (make data)"; exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# The runs: the defaults, then each other value of each network setting (lenet settings
# lists them: name, default, values), so that a setting the script cannot build fails
# here. Both networks each time.
lenet_settings=$(./lenet settings) || exit 1
runs=$(echo "$lenet_settings" | awk '$1 != "variant" { for (i = 3; i <= NF; i++)
         if ($i != $2) printf " --%s=%s", $1, $i }')
for opt in defaults $runs; do
  [ "$opt" = defaults ] && set -- || set -- "$opt"
  ./lenet train --limit 2000 --epochs 1 --val-size 200 --threads 1 --quiet "$@" \
    --data "$data" --out "$tmp/$opt" >/dev/null || exit 1
  for v in lenet5 dsc; do
    w=$tmp/$opt/$v.safetensors
    a=$(./lenet eval --weights "$w" --data "$data" 2>/dev/null \
        | sed -n "s/.* accuracy \([0-9.]*\)% on .*/\1/p")
    b=$("$py" "$srcdir/scripts/lenet_torch.py" eval "$w" "$data" \
        | sed -n 's/^accuracy \([0-9.]*\)%.*/\1/p')
    echo "$v $opt: lenet eval $a%, lenet_torch.py $b%"
    awk -v a="$a" -v b="$b" 'BEGIN { d = a - b; if (d < 0) d = -d;
                                     exit !(a != "" && b != "" && d <= 0.01) }' || exit 1
  done
done
# A setting the script does not know (a newer lenet's, say) is refused by name, not
# ignored: the same weights with one metadata key more.
"$py" - "$tmp/defaults/lenet5.safetensors" "$tmp/extra.safetensors" <<'PY' || exit 1
import json, struct, sys
data = open(sys.argv[1], "rb").read()
(n,) = struct.unpack("<Q", data[:8])
h = json.loads(data[8:8 + n])
h["__metadata__"]["x_setting"] = "x"
hb = json.dumps(h).encode()
hb += b" " * (-len(hb) % 8)
open(sys.argv[2], "wb").write(struct.pack("<Q", len(hb)) + hb + data[8 + n:])
PY
if "$py" "$srcdir/scripts/lenet_torch.py" eval "$tmp/extra.safetensors" "$data" \
     > "$tmp/extra.out" 2>&1 || ! grep -q "'x_setting'" "$tmp/extra.out"; then
  echo "lenet_torch.py did not refuse a metadata key it does not know:"; cat "$tmp/extra.out"
  exit 1
fi
echo "unknown setting: $(cat "$tmp/extra.out")"
# The image path (predict needs python3-pil): 50 test digits, enlarged 3x, dark on
# light, as PGM files (d*); and 20 of them on paper lit unevenly, by a plane of light
# (p*) and by a lamp's spot (s*), which lenet's plane and mesh backgrounds are for, on
# pages of 12 sizes (the mesh's cells depend on them).
if ! "$py" -c "import PIL" 2>/dev/null; then
  echo "predict: not compared, python3-pil is not installed"
else
  "$py" - "$data" "$tmp" <<'PY' || exit 1
import os, sys
import numpy as np
sys.path.insert(0, os.path.join(os.environ.get("LENET_SRCDIR", "."), "scripts"))
import lenet_torch
x = lenet_torch.idx(sys.argv[1], "t10k-images-idx3-ubyte")[:50]
for i, d in enumerate(x):
    big = np.pad(255 - np.kron(d, np.ones((3, 3), np.uint8)), ((5, 17), (11, 3)),
                 constant_values=255)
    with open(os.path.join(sys.argv[2], "d%02d.pgm" % i), "wb") as f:
        f.write(b"P5 %d %d 255\n" % (big.shape[1], big.shape[0]) + big.tobytes())
    if i >= 20:
        continue
    big = np.pad(big, ((0, 11 * (i % 4)), (0, 13 * (i % 3))), constant_values=255)  # sizes
    v, u = np.mgrid[0:big.shape[0], 0:big.shape[1]] / (np.array(big.shape)[:, None, None] - 1)
    noise = np.random.default_rng(i).normal(0, 2, big.shape)
    for name, light in (("p", 0.35 + 0.6 * u - 0.1 * v),
                        ("s", 0.25 + 0.7 * np.exp(-((u - 0.8) ** 2 + (v - 0.2) ** 2) / 0.18))):
        lit = np.clip(big * light + noise, 0, 255).astype(np.uint8)
        with open(os.path.join(sys.argv[2], "%s%02d.pgm" % (name, i)), "wb") as f:
            f.write(b"P5 %d %d 255\n" % (lit.shape[1], lit.shape[0]) + lit.tobytes())
PY
  ./lenet predict --weights "$tmp/defaults/lenet5.safetensors" "$tmp"/[dps]*.pgm | awk '{print $1, $NF}' \
    > "$tmp/lenet.txt" || exit 1
  "$py" "$srcdir/scripts/lenet_torch.py" predict "$tmp/defaults/lenet5.safetensors" "$tmp"/[dps]*.pgm \
    | awk '{print $1, $NF}' > "$tmp/torch.txt" || exit 1
  echo "predict: $(wc -l < "$tmp/lenet.txt") images by lenet, $(wc -l < "$tmp/torch.txt") by lenet_torch.py"
  cmp "$tmp/lenet.txt" "$tmp/torch.txt" || { diff "$tmp/lenet.txt" "$tmp/torch.txt"; exit 1; }
  test "$(wc -l < "$tmp/lenet.txt")" -eq 90 || exit 1
fi
# The bench's epoch on a few images: one line, every field bench-summary.awk reads.
line=$("$py" "$srcdir/scripts/lenet_torch.py" epoch "$data" dsc scaled_tanh 1 256) || exit 1
echo "epoch: $line"
echo "$line" | grep -Eqx 'torch variant=dsc activation=scaled_tanh threads=1 openblas=[^ ]+ images=256 seconds=[0-9.]+ images_per_s=[0-9]+ peak_rss_mb=[0-9.]+ loss=[0-9.]+'
