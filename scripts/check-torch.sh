#!/bin/sh
# make check: scripts/lenet_torch.py, given weights that lenet trained, reproduces
# `lenet eval`'s test accuracy to 0.01% (one image in 10,000) for both networks.
# Skipped (status 77) without python3-torch or without MNIST in data/.
set -u
srcdir=${LENET_SRCDIR:-.}
data=$srcdir/data
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import torch, numpy' 2>/dev/null; then
  echo "SKIP: python3-torch is not installed (apt-get install python3-torch)"; exit 77
fi
if [ ! -f "$data/t10k-images-idx3-ubyte" ] && [ ! -f "$data/t10k-images-idx3-ubyte.gz" ]; then
  echo "SKIP: no MNIST in $data (make data)"; exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
./lenet train --limit 2000 --epochs 1 --val-size 200 --threads 1 --quiet \
  --data "$data" --out "$tmp" >/dev/null || exit 1
for v in lenet5 dsc; do
  a=$(./lenet eval --weights "$tmp/$v.safetensors" --data "$data" 2>/dev/null \
      | sed -n 's/.* accuracy \([0-9.]*\)% on .*/\1/p')
  b=$("$py" "$srcdir/scripts/lenet_torch.py" eval "$tmp/$v.safetensors" "$data" \
      | sed -n 's/^accuracy \([0-9.]*\)%.*/\1/p')
  echo "$v: lenet eval $a%, lenet_torch.py $b%"
  awk -v a="$a" -v b="$b" 'BEGIN { d = a - b; if (d < 0) d = -d;
                                   exit !(a != "" && b != "" && d <= 0.01) }' || exit 1
done
