#!/usr/bin/python3
"""lenet's networks in PyTorch: load a weights file written by `lenet train` into a
torch.nn.Module whose state_dict has exactly the file's tensor names and shapes, then
evaluate it on an MNIST-format test set or classify image files, with lenet's own
preprocessing (see lenet.pdf, "Digits of one's own").

usage: lenet_torch.py eval WEIGHTS DATA_DIR
       lenet_torch.py predict WEIGHTS IMAGE...

eval prints "accuracy A% loss L on N images" (A to two decimals, like lenet eval);
predict prints one line per image: digit, probability, file.  Needs python3-torch and
python3-numpy; predict also python3-pil.  safetensors files are read by the small
reader below (8-byte header length, JSON header, little-endian data), so the
safetensors package is not needed.
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn


def read_safetensors(path):
    """Return (metadata dict, {name: float32 tensor}) of a safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    (hlen,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + hlen])
    meta = header.pop("__metadata__", {})
    base = 8 + hlen
    tensors = {}
    for name, t in header.items():
        if t["dtype"] != "F32":
            sys.exit("lenet_torch.py: %s: tensor %s is %s, not F32" % (path, name, t["dtype"]))
        b, e = t["data_offsets"]
        a = np.frombuffer(data, dtype="<f4", count=(e - b) // 4, offset=base + b)
        tensors[name] = torch.from_numpy(a.astype(np.float32).reshape(t["shape"]))
    return meta, tensors


class ScaledTanh(nn.Module):
    """LeCun's 1.7159 tanh(2x/3), lenet's scaled_tanh."""

    def forward(self, x):
        return 1.7159 * torch.tanh(2.0 / 3.0 * x)


def activation(name):
    return {"relu": nn.ReLU, "tanh": nn.Tanh, "scaled_tanh": ScaledTanh}[name]()


class Separable(nn.Module):
    """A depthwise convolution (one 5x5 kernel per channel), then a pointwise 1x1."""

    def __init__(self, cin, cout, pad):
        super().__init__()
        self.depthwise = nn.Conv2d(cin, cin, 5, padding=pad, groups=cin)
        self.pointwise = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        return self.pointwise(self.depthwise(x))


class LeNet(nn.Module):
    """LeNet-5 (variant lenet5) or its separable twin (dsc), as lenet builds them: C1 5x5
    with padding 2, average pooling, C3, pooling, C5 (to 1x1), F6, out; an activation
    after C1, C3, C5 and F6."""

    def __init__(self, variant, act):
        super().__init__()
        conv = (lambda i, o, p: nn.Conv2d(i, o, 5, padding=p)) if variant == "lenet5" \
            else Separable
        self.c1, self.c3, self.c5 = conv(1, 6, 2), conv(6, 16, 0), conv(16, 120, 0)
        self.f6, self.out = nn.Linear(120, 84), nn.Linear(84, 10)
        self.act = activation(act)
        self.pool = nn.AvgPool2d(2)

    def forward(self, x):
        x = self.pool(self.act(self.c1(x)))
        x = self.pool(self.act(self.c3(x)))
        x = self.act(self.c5(x)).flatten(1)
        return self.out(self.act(self.f6(x)))


def load(path):
    """The module with the file's weights (strict: every name and shape must match),
    and the input normalisation stored with them."""
    meta, tensors = read_safetensors(path)
    model = LeNet(meta["variant"], meta["activation"])
    model.load_state_dict(tensors, strict=True)
    model.eval()
    return model, float(meta["input_mean"]), float(meta["input_std"])


def normalise_input(pixels, mean, std):
    """Bytes (N, 28, 28) to the network's input, as lenet's fill_batch does."""
    x = torch.from_numpy(pixels.astype(np.float32))
    return ((x * np.float32(1.0 / (255.0 * std))) - np.float32(mean / std)).unsqueeze(1)


def idx(directory, name):
    for p in (os.path.join(directory, name), os.path.join(directory, name + ".gz")):
        if os.path.exists(p):
            with (gzip.open if p.endswith(".gz") else open)(p, "rb") as f:
                data = f.read()
            dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(data[3])]
            return np.frombuffer(data, np.uint8, offset=4 + 4 * data[3]).reshape(dims)
    sys.exit("lenet_torch.py: no %s in %s" % (name, directory))


def evaluate(weights, directory):
    model, mean, std = load(weights)
    x = idx(directory, "t10k-images-idx3-ubyte")
    y = torch.from_numpy(idx(directory, "t10k-labels-idx1-ubyte").astype(np.int64))
    with torch.no_grad():
        z = torch.cat([model(normalise_input(x[i:i + 1000], mean, std))
                       for i in range(0, len(x), 1000)])
    loss = nn.functional.cross_entropy(z, y).item()
    acc = 100.0 * (z.argmax(1) == y).sum().item() / len(y)
    print("accuracy %.2f%% loss %.4f on %d images" % (acc, loss, len(y)))


def area_1d(src, a, per, m):
    """lenet's area averaging along the last axis: m new values, the j-th the mean of
    src over [a + j per, a + (j+1) per), src zero outside."""
    n = src.shape[-1]
    out = np.zeros(src.shape[:-1] + (m,))
    for j in range(m):
        lo0, hi0 = a + j * per, a + (j + 1) * per
        for i in range(max(int(lo0), 0), n):
            if i >= hi0:
                break
            w = min(hi0, i + 1) - max(lo0, i)
            if w > 0:
                out[..., j] += w * src[..., i]
    return out / per


def mnist_normalise(grey):
    """lenet's image_to_mnist on a float image (0 black .. 1 white): ink from the
    border's median, box at 0.2 of the ink, scaled to fit 20x20 (margin of 4) by area
    averaging, centre of mass to (14, 14), strongest ink 255."""
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    bg = np.float32(np.median(border))
    far = grey.flat[np.argmax(np.abs(grey - bg))]
    if abs(far - bg) * 255 < 8:
        raise ValueError("all one colour: no digit to classify")
    ink = np.clip((grey - bg) / (far - bg), 0, 1)
    ys, xs = np.nonzero(ink >= 0.2)
    x0, y0, bw, bh = xs.min(), ys.min(), xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
    per = max(bw, bh) / 20.0
    tw, th = max(1, int(np.floor(bw / per + 0.5))), max(1, int(np.floor(bh / per + 0.5)))
    ax = x0 + (bw - tw * per) / 2 - 4 * per
    ay = y0 + (bh - th * per) / 2 - 4 * per
    s = area_1d(area_1d(ink, ax, per, tw + 8).T, ay, per, th + 8).T
    m = s.sum()
    yy, xx = np.mgrid[0:s.shape[0], 0:s.shape[1]]
    ox = int(np.floor(14.0 - (xx * s).sum() / m + 0.5))
    oy = int(np.floor(14.0 - (yy * s).sum() / m + 0.5))
    out = np.zeros((28, 28), np.uint8)
    v = np.floor(255.0 * s / s.max() + 0.5).astype(np.uint8)
    for y in range(s.shape[0]):
        for x in range(s.shape[1]):
            if 0 <= x + ox < 28 and 0 <= y + oy < 28:
                out[y + oy, x + ox] = v[y, x]
    return out


def predict(weights, paths):
    from PIL import Image
    model, mean, std = load(weights)
    status = 0
    for p in paths:
        try:
            im = Image.open(p)
            if im.mode in ("RGBA", "LA", "P"):
                im = im.convert("RGBA")
                white = Image.new("RGBA", im.size, (255, 255, 255, 255))
                im = Image.alpha_composite(white, im)
            grey = np.asarray(im.convert("L"), np.float32) / 255.0
            x = mnist_normalise(grey)
        except (OSError, ValueError) as e:
            print("lenet_torch.py: %s: %s" % (p, e), file=sys.stderr)
            status = 1
            continue
        with torch.no_grad():
            prob = torch.softmax(model(normalise_input(x[None], mean, std)), 1)[0]
        k = int(prob.argmax())
        print("%d %6.2f%%   %s" % (k, 100.0 * prob[k].item(), p))
    return status


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "eval":
        evaluate(sys.argv[2], sys.argv[3])
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == "predict":
        return predict(sys.argv[2], sys.argv[3:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
