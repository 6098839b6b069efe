#!/usr/bin/python3
"""lenet's two networks in PyTorch: LeNet-5 and its depthwise-separable twin, with every
activation lenet has (relu, tanh, scaled_tanh), defined once and used four ways.

  eval WEIGHTS DATA_DIR
      load a weights file written by `lenet train` into a torch.nn.Module whose
      state_dict has exactly the file's tensor names and shapes, and evaluate it on
      the MNIST-format test set in DATA_DIR: "accuracy A% loss L on N images" (A to two
      decimals, like lenet eval)
  predict WEIGHTS IMAGE...
      classify image files with lenet's own preprocessing (see lenet.pdf, "Digits of
      one's own"): one line per image, digit, probability, file
  epoch DATA_DIR VARIANT ACTIVATION THREADS [LIMIT]
      the PyTorch reference of `make bench`: one timed epoch of SGD (momentum 0.9, lr
      0.01, batch 64) on the first LIMIT training images, loaded and normalised before
      the clock starts; one "torch variant=..." line in lenet bench's key=value form
  accuracy DATA_DIR SEED TARGET THREADS
      make bench's time to accuracy: LeNet-5 with lenet train's defaults (Adam 3e-3,
      weight decay 1e-4, batch 64, ReLU, 5000 held out, rate halved when the
      validation loss does not improve, lenet's uniform initialisation, biases zero),
      training seconds until the test accuracy first reaches TARGET percent; one
      "torch accuracy ..." line

The networks, the IDX reader (raw or .gz), the input normalisation (lenet's fill_batch,
in float32) and the evaluation are shared by all four.  THREADS is torch's thread
count; OPENBLAS_NUM_THREADS, if set, is reported as `openblas'.  Needs python3-torch
and python3-numpy (run with /usr/bin/python3, Debian's); predict also python3-pil.
safetensors files are read by a small reader of the script's own (8-byte header length,
JSON header, little-endian data), so the safetensors package is not needed.
"""
import argparse
import gzip
import json
import math
import os
import resource
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn

PROG = "lenet_torch.py"


# --- The networks -----------------------------------------------------------------

class ScaledTanh(nn.Module):
    """LeCun's scaled tanh, lenet's scaled_tanh: A tanh(S x) with A = 1.7159 and
    S = 2/3 (torch rounds both to float, as lenet's STANH_A and STANH_S are)."""

    def forward(self, x):
        return 1.7159 * torch.tanh(2.0 / 3.0 * x)


# The names are those of lenet's --activation and of the weights' "activation" metadata.
ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "scaled_tanh": ScaledTanh}
VARIANTS = ("lenet5", "dsc")


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
    after C1, C3, C5 and F6 (in the twin, after the pointwise step).  The submodules
    are named as the tensors of lenet's weights files (c1.weight, c1.depthwise.weight,
    ..., f6.bias, out.weight)."""

    def __init__(self, variant, act):
        super().__init__()
        if variant not in VARIANTS or act not in ACTIVATIONS:
            raise ValueError("unknown network %s with activation %s" % (variant, act))
        conv = (lambda i, o, p: nn.Conv2d(i, o, 5, padding=p)) if variant == "lenet5" \
            else Separable
        self.c1, self.c3, self.c5 = conv(1, 6, 2), conv(6, 16, 0), conv(16, 120, 0)
        self.f6, self.out = nn.Linear(120, 84), nn.Linear(84, 10)
        self.act = ACTIVATIONS[act]()
        self.pool = nn.AvgPool2d(2)

    def forward(self, x):
        x = self.pool(self.act(self.c1(x)))
        x = self.pool(self.act(self.c3(x)))
        x = self.act(self.c5(x)).flatten(1)
        return self.out(self.act(self.f6(x)))


def lenet_init(model, act):
    """lenet's initial weights (its add_param): uniform on [-a, a], a = sqrt(3 g^2 / fan
    in), g = sqrt(2) for relu and 1 otherwise; biases zero.  Drawn from torch's
    generator, so the numbers are not lenet's, only their distribution."""
    gain = math.sqrt(2.0) if act == "relu" else 1.0
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            a = math.sqrt(3.0 * gain * gain / m.weight[0].numel())
            nn.init.uniform_(m.weight, -a, a)
            nn.init.zeros_(m.bias)


# --- Data -------------------------------------------------------------------------

def idx(directory, name):
    """The array of unsigned bytes in DIRECTORY/NAME, or NAME.gz there (IDX format)."""
    for path in (os.path.join(directory, name), os.path.join(directory, name + ".gz")):
        if os.path.exists(path):
            break
    else:
        sys.exit("%s: no %s in %s (make data, or lenet-fetch-data)" % (PROG, name, directory))
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    rank = data[3] if len(data) >= 4 and data[:3] == b"\0\0\x08" else -1
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    if rank < 1 or len(data) != 4 + 4 * rank + math.prod(dims):
        sys.exit("%s: %s: not a whole IDX file of unsigned bytes" % (PROG, path))
    return np.frombuffer(data, np.uint8, offset=4 + 4 * rank).reshape(dims)


def mnist(directory, which):
    """Images (N, 28, 28) and labels (N) of WHICH ("train" or "t10k"), as bytes."""
    return (idx(directory, which + "-images-idx3-ubyte"),
            idx(directory, which + "-labels-idx1-ubyte"))


def input_stats(pixels):
    """The mean and standard deviation (N-1) of pixel/255 over the images, from their
    histogram, as lenet's input_stats computes them."""
    count = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    v = np.arange(256) / 255.0
    n = count.sum()
    mean = (count * v).sum() / n
    return mean, math.sqrt((count * (v - mean) ** 2).sum() / (n - 1))


def normalise(pixels, mean, std):
    """Bytes (N, 28, 28) to the network's input (N, 1, 28, 28), x = (p/255 - mean)/std,
    in float32 with two roundings, as lenet's fill_batch computes it."""
    std = np.float32(std)
    scale, shift = np.float32(1.0) / (np.float32(255.0) * std), np.float32(mean) / std
    x = pixels.astype(np.float32) * scale
    x -= shift
    return torch.from_numpy(x).unsqueeze(1)


def tensors(pixels, labels, mean, std):
    return normalise(pixels, mean, std), torch.from_numpy(labels.astype(np.int64))


def evaluate(model, x, y):
    """Mean cross-entropy and accuracy (percent) of the model on inputs x, labels y."""
    with torch.no_grad():
        z = torch.cat([model(x[k:k + 1000]) for k in range(0, len(x), 1000)])
    loss = nn.functional.cross_entropy(z, y).item()
    return loss, 100.0 * (z.argmax(1) == y).sum().item() / len(y)


# --- lenet's weights: eval and predict --------------------------------------------

def read_safetensors(path):
    """Return (metadata dict, {name: float32 tensor}) of a safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    (hlen,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + hlen])
    meta = header.pop("__metadata__", {})
    base = 8 + hlen
    weights = {}
    for name, t in header.items():
        if t["dtype"] != "F32":
            sys.exit("%s: %s: tensor %s is %s, not F32" % (PROG, path, name, t["dtype"]))
        b, e = t["data_offsets"]
        a = np.frombuffer(data, dtype="<f4", count=(e - b) // 4, offset=base + b)
        weights[name] = torch.from_numpy(a.astype(np.float32).reshape(t["shape"]))
    return meta, weights


# The metadata keys lenet writes (its network settings are VARIANTS and ACTIVATIONS'
# keys). A key not here is a setting this script does not build: refused, like lenet
# refuses keys it does not know, rather than run another network than the one trained.
KNOWN_METADATA = {"format", "input_mean", "input_std", "seed", "epochs_run", "epochs",
                  "test_acc", "epoch", "data", "data_sha256", "augment", "ema", "variant",
                  "activation"}


def load(path):
    """The module with the file's weights (strict: every name and shape must match),
    and the input normalisation stored with them."""
    meta, weights = read_safetensors(path)
    unknown = sorted(set(meta) - KNOWN_METADATA)
    if unknown:
        sys.exit("%s: %s: __metadata__ has '%s', which this script does not know (a "
                 "network setting lenet has and its PyTorch mirror lacks?)"
                 % (PROG, path, unknown[0]))
    if meta.get("format", "1") not in ("1", "2"):
        sys.exit("%s: %s: weights format '%s'; this script reads formats 1 and 2"
                 % (PROG, path, meta["format"]))
    model = LeNet(meta["variant"], meta["activation"])
    model.load_state_dict(weights, strict=True)
    model.eval()
    return model, float(meta["input_mean"]), float(meta["input_std"])


def cmd_eval(args):
    model, mean, std = load(args.weights)
    x, y = tensors(*mnist(args.data_dir, "t10k"), mean, std)
    loss, acc = evaluate(model, x, y)
    print("accuracy %.2f%% loss %.4f on %d images" % (acc, loss, len(y)))
    return 0


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


def _border(a):
    """The border's pixels, each once, as image_to_mnist takes them."""
    if a.shape[0] < 3 or a.shape[1] < 3:
        return a.ravel()
    return np.concatenate([a[0], a[-1], a[1:-1, 0], a[1:-1, -1]])


class Background:
    """image_to_mnist's background: one grey, a plane, or a mesh of cells."""

    def __init__(self, b0, gx=0.0, gy=0.0, cx=0.0, cy=0.0):
        self.b0, self.gx, self.gy, self.cx, self.cy = b0, gx, gy, cx, cy
        self.relative, self.mesh, self.ink = False, None, 0

    def at(self, h, w):
        y, x = np.mgrid[0:h, 0:w].astype(np.float32)
        if self.mesh is None:
            return np.float32(self.b0 + self.gx * (x - self.cx) + self.gy * (y - self.cy))
        m, (gh, gw) = self.mesh, self.mesh.shape
        fx = (x + 0.5) * gw / w - 0.5
        fy = (y + 0.5) * gh / h - 0.5
        i = np.where(fx < 0, 0, np.where(fx >= gw - 1, gw - 2, np.floor(fx))).astype(int)
        j = np.where(fy < 0, 0, np.where(fy >= gh - 1, gh - 2, np.floor(fy))).astype(int)
        ax, ay = fx - i, fy - j
        a, b, c, d = m[j, i], m[j, i + 1], m[j + 1, i], m[j + 1, i + 1]
        v = (a * (1 - ax) + b * ax) * (1 - ay) + (c * (1 - ax) + d * ax) * ay
        lo = np.minimum(np.minimum(a, b), np.minimum(c, d))
        return np.float32(np.maximum(v, 0.5 * lo))

    def deviation(self, grey):
        bg = self.at(*grey.shape)
        return (grey - bg) / bg if self.relative else grey - bg


def _misfit(bg, grey):
    return np.float32(np.median(np.abs(_border(bg.deviation(grey)))))


def _farthest(bg, grey):
    d = bg.deviation(grey)
    if bg.ink:                          # a mesh's ink side only: a glint is no ink
        return np.float32(min(0.0, d.min()) if bg.ink < 0 else max(0.0, d.max()))
    return np.float32(d.flat[np.argmax(np.abs(d))])


def _plane(grey):
    h, w = grey.shape
    bg = Background(np.float32(np.median(_border(grey))), cx=(w - 1) / 2, cy=(h - 1) / 2)
    flat = Background(bg.b0, cx=bg.cx, cy=bg.cy)
    if w > 1:
        bg.gx = (np.median(grey[:, -1]) - np.median(grey[:, 0])) / (w - 1)
    if h > 1:
        bg.gy = (np.median(grey[-1]) - np.median(grey[0])) / (h - 1)
    return bg if _misfit(bg, grey) < 0.5 * _misfit(flat, grey) else flat


def _mesh(grey, bg, far):
    """The mesh of cells that image_to_mnist puts in place of the plane, or None."""
    h, w = grey.shape
    side = min(w, h)
    if side < 64:
        return None
    cell = np.float32(side) / np.float32(10)           # in float32, as the C code
    gw = int(np.floor(np.float64(np.float32(w) / cell) + 0.5))
    gh = int(np.floor(np.float64(np.float32(h) / cell) + 0.5))

    def window(j, i):
        ya, yb = max(0, int((2 * j - 1) * h / (2 * gh))), min(h, (2 * j + 3) * h // (2 * gh))
        xa, xb = max(0, int((2 * i - 1) * w / (2 * gw))), min(w, (2 * i + 3) * w // (2 * gw))
        return grey[ya:yb, xa:xb].ravel()
    tails, spread = np.float32(0), np.float32(0)
    for j in range(gh):
        for i in range(gw):
            p02, p50, p98 = np.quantile(window(j, i), [0.02, 0.5, 0.98]).astype(np.float32)
            tails += (p50 - p02) - (p98 - p50)
            spread += abs((p50 - p02) - (p98 - p50))
    decisive = tails != 0 and abs(tails) >= np.float32(0.3) * spread
    if not (decisive and (tails > 0) != (far < 0)):
        return None                                     # the plane will do
    dark = bool(tails > 0)
    mesh = Background(bg.b0)
    mesh.mesh = np.array([[np.quantile(window(j, i), 0.9 if dark else 0.1)
                           for i in range(gw)] for j in range(gh)], np.float32)
    lowest, typical = mesh.mesh.min(), np.float32(np.median(mesh.mesh))
    mesh.ink = -1 if dark else 1
    mesh.relative = bool(dark and lowest > 0 and lowest >= 0.25 * typical)
    return mesh


def ink_map(grey):
    """lenet's ink_map: each pixel's ink, 0 (paper) to 1 (the strongest ink)."""
    h, w = grey.shape
    bg = _plane(grey)
    far = _farthest(bg, grey)
    if abs(far) * 255 < 8:
        raise ValueError("all one colour: no digit to classify")
    mesh = _mesh(grey, bg, far)
    if mesh is not None:
        bg, far = mesh, _farthest(mesh, grey)
    elif far < 0 and bg.b0 > 0 and all(
            bg.b0 + bg.gx * (x - bg.cx) + bg.gy * (y - bg.cy) >= 0.25 * bg.b0
            for x in (0, w - 1) for y in (0, h - 1)):
        bg.relative = True
        far = _farthest(bg, grey)
    t = 3 * _misfit(bg, grey)                                   # the paper's grain
    if abs(far) <= t:
        raise ValueError("all one colour: no digit to classify")
    t = -t if far < 0 else t
    return np.clip((bg.deviation(grey) - t) / (far - t), 0, 1)


def mnist_normalise(grey):
    """lenet's image_to_mnist on a float image (0 black .. 1 white): the ink from the
    background (one grey, a plane fitted to the border, or a mesh of cells where the
    cells decisively find the ink on the other side from the plane; relative distances for dark ink on lit paper; the border's
    grain taken away), box at 0.2 of the ink, scaled to fit 20x20 (margin of 4) by area
    averaging, centre of mass to (14, 14), strongest ink 255."""
    ink = ink_map(grey)
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


def cmd_predict(args):
    from PIL import Image, ImageOps
    model, mean, std = load(args.weights)
    status = 0
    for p in args.images:
        try:
            im = ImageOps.exif_transpose(Image.open(p))     # a photo as it is shown
            if im.mode in ("RGBA", "LA", "P"):
                im = im.convert("RGBA")
                white = Image.new("RGBA", im.size, (255, 255, 255, 255))
                im = Image.alpha_composite(white, im)
            grey = np.asarray(im.convert("L"), np.float32) / 255.0
            x = mnist_normalise(grey)
        except (OSError, ValueError) as e:
            print("%s: %s: %s" % (PROG, p, e), file=sys.stderr)
            status = 1
            continue
        with torch.no_grad():
            prob = torch.softmax(model(normalise(x[None], mean, std)), 1)[0]
        k = int(prob.argmax())
        print("%d %6.2f%%   %s" % (k, 100.0 * prob[k].item(), p))
    return status


# --- The reference for make bench: epoch and accuracy -----------------------------

def use_threads(threads):
    """Set torch's thread count; the configuration as the bench's key=value words."""
    torch.set_num_threads(threads)
    return "threads=%d openblas=%s" % (threads, os.environ.get("OPENBLAS_NUM_THREADS",
                                                                "default"))


def cmd_epoch(args):
    cfg = use_threads(args.threads)
    torch.manual_seed(1)
    x, y = mnist(args.data_dir, "train")
    x, y = tensors(x[:args.limit], y[:args.limit], 0.1307, 0.3081)
    model = LeNet(args.variant, args.activation)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    perm = torch.randperm(len(x))
    t0 = time.perf_counter()           # the data are in memory, normalised: not timed
    for k in range(0, len(x), 64):
        i = perm[k:k + 64]
        opt.zero_grad()
        loss = loss_fn(model(x[i]), y[i])
        loss.backward()
        opt.step()
    s = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("torch variant=%s activation=%s %s images=%d seconds=%.3f images_per_s=%.0f "
          "peak_rss_mb=%.1f loss=%.4f" % (args.variant, args.activation, cfg, len(x), s,
                                          len(x) / s, rss, loss.item()))
    return 0


def cmd_accuracy(args):
    cfg = use_threads(args.threads)
    torch.manual_seed(args.seed)
    xr, yr = mnist(args.data_dir, "train")
    split = torch.randperm(len(xr)).numpy()
    tr, va = split[:-5000], split[-5000:]
    mean, std = input_stats(xr[tr])
    x, y = tensors(xr[tr], yr[tr], mean, std)
    xv, yv = tensors(xr[va], yr[va], mean, std)
    xt, yt = tensors(*mnist(args.data_dir, "t10k"), mean, std)
    model = LeNet("lenet5", "relu")
    lenet_init(model, "relu")
    lr, best, bad, seconds = 3e-3, float("inf"), 0, 0.0
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    for e in range(1, 31):
        t0 = time.perf_counter()
        perm = torch.randperm(len(x))
        for k in range(0, len(x), 64):
            i = perm[k:k + 64]
            opt.zero_grad()
            loss_fn(model(x[i]), y[i]).backward()
            opt.step()
        seconds += time.perf_counter() - t0
        vloss, _ = evaluate(model, xv, yv)
        _, acc = evaluate(model, xt, yt)
        if acc >= args.target:
            break
        if vloss < best:
            best, bad = vloss, 0
        else:
            bad += 1
            lr *= 0.5
            for g in opt.param_groups:
                g["lr"] = lr
            if bad >= 3:
                break
    print("torch accuracy variant=lenet5 %s seed=%d target=%.2f reached=%d epochs=%d "
          "seconds=%.2f test_acc=%.2f" % (cfg, args.seed, args.target, acc >= args.target,
                                          e, seconds, acc))
    return 0


# --- Command line -----------------------------------------------------------------

def positive(s):
    n = int(s)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1: %s" % s)
    return n


def parser():
    doc = __doc__.split("\n\n")
    p = argparse.ArgumentParser(prog=PROG, description=doc[0], epilog="\n\n".join(doc[1:]),
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name, func, summary, description):
        c = sub.add_parser(name, help=summary, description=description)
        c.set_defaults(func=func)
        return c

    c = command("eval", cmd_eval, "test accuracy of a weights file written by lenet train",
                "Load WEIGHTS (a safetensors file written by lenet train) and print "
                "\"accuracy A% loss L on N images\" on the test set of DATA_DIR, "
                "normalised with the file's input_mean and input_std.")
    c.add_argument("weights", metavar="WEIGHTS", help="e.g. results/lenet5.safetensors")
    c.add_argument("data_dir", metavar="DATA_DIR",
                   help="holds t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (or .gz)")
    c = command("predict", cmd_predict, "classify image files with those weights",
                "Classify each IMAGE with WEIGHTS after lenet's image normalisation; "
                "print \"digit probability% file\" per image (needs python3-pil).")
    c.add_argument("weights", metavar="WEIGHTS", help="e.g. results/lenet5.safetensors")
    c.add_argument("images", metavar="IMAGE", nargs="+", help="PNG, JPEG, PGM, ... (PIL)")
    c = command("epoch", cmd_epoch, "time one SGD epoch (make bench's reference)",
                "One epoch of SGD (momentum 0.9, lr 0.01, batch 64, torch's default "
                "initialisation, seed 1) on the first LIMIT training images of DATA_DIR, "
                "loaded and normalised before the clock starts.  Prints \"torch "
                "variant=V activation=A threads=T openblas=O images=N seconds=S "
                "images_per_s=R peak_rss_mb=M loss=L\".")
    c.add_argument("data_dir", metavar="DATA_DIR",
                   help="holds train-images-idx3-ubyte and train-labels-idx1-ubyte (or .gz)")
    c.add_argument("variant", metavar="VARIANT", choices=VARIANTS,
                   help="lenet5 or dsc")
    c.add_argument("activation", metavar="ACTIVATION", choices=list(ACTIVATIONS),
                   help="relu, tanh or scaled_tanh")
    c.add_argument("threads", metavar="THREADS", type=positive, help="torch's threads")
    c.add_argument("limit", metavar="LIMIT", type=positive, nargs="?", default=60000,
                   help="training images (default 60000)")
    c = command("accuracy", cmd_accuracy, "time LeNet-5 to a test accuracy (make bench)",
                "Train LeNet-5 with lenet train's defaults (Adam 3e-3, weight decay 1e-4, "
                "batch 64, ReLU, 5000 held out, rate halved when the validation loss does "
                "not improve, stop after 3 such epochs or 30 in all) and stop after the "
                "first epoch whose test accuracy reaches TARGET.  Prints \"torch accuracy "
                "variant=lenet5 threads=T openblas=O seed=N target=P reached=0|1 "
                "epochs=E seconds=S test_acc=A\" (S: training only, evaluations not "
                "counted).")
    c.add_argument("data_dir", metavar="DATA_DIR", help="holds MNIST's four IDX files (or .gz)")
    c.add_argument("seed", metavar="SEED", type=int,
                   help="torch's seed (validation split, weights, shuffles)")
    c.add_argument("target", metavar="TARGET", type=float, help="test accuracy, percent")
    c.add_argument("threads", metavar="THREADS", type=positive, help="torch's threads")
    return p


def main():
    args = parser().parse_args()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
