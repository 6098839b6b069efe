#!/usr/bin/python3
"""The PyTorch reference for `make bench`: the same two networks as lenet (LeNet-5
and its depthwise-separable twin), held in memory as one normalised tensor so that
data loading is not timed.  Prints one line per run in lenet's key=value form.

usage: torch_lenet.py epoch DATA_DIR VARIANT ACTIVATION THREADS [LIMIT]
         one epoch of SGD (momentum 0.9, lr 0.01) at batch 64
       torch_lenet.py accuracy DATA_DIR SEED TARGET THREADS
         lenet train's defaults for LeNet-5 (Adam 3e-3, weight decay 1e-4, batch 64,
         ReLU, 5000 held out, rate halved when the validation loss does not improve,
         uniform He initialisation, biases zero): training seconds until the test
         accuracy first reaches TARGET percent

The thread count is torch's; OPENBLAS_NUM_THREADS, if set, is reported as `openblas'.
"""
import gzip, math, os, resource, sys, time
import numpy as np
import torch
import torch.nn as nn


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * rank).reshape(dims)


def find(d, name):
    for p in (os.path.join(d, name), os.path.join(d, name + ".gz")):
        if os.path.exists(p):
            return p
    sys.exit("torch_lenet.py: no %s in %s (run make data)" % (name, d))


def load(d, which):
    return (idx(find(d, which + "-images-idx3-ubyte")),
            idx(find(d, which + "-labels-idx1-ubyte")))


def conv(variant, cin, cout, pad):
    if variant == "lenet5":
        return nn.Conv2d(cin, cout, 5, padding=pad)
    return nn.Sequential(nn.Conv2d(cin, cin, 5, padding=pad, groups=cin),
                         nn.Conv2d(cin, cout, 1))


def net(variant, act="relu"):
    A = nn.ReLU if act == "relu" else nn.Tanh
    return nn.Sequential(conv(variant, 1, 6, 2), A(), nn.AvgPool2d(2),
                         conv(variant, 6, 16, 0), A(), nn.AvgPool2d(2),
                         conv(variant, 16, 120, 0), A(), nn.Flatten(),
                         nn.Linear(120, 84), A(), nn.Linear(84, 10))


def tensors(x, y, mean, sd):
    x = torch.from_numpy(((x / 255.0 - mean) / sd).astype(np.float32)).unsqueeze(1)
    return x, torch.from_numpy(y.astype(np.int64))


def config(threads):
    return "threads=%d openblas=%s" % (threads, os.environ.get("OPENBLAS_NUM_THREADS",
                                                                "default"))


def epoch(data, variant, act, threads, limit=60000):
    torch.manual_seed(1)
    x, y = load(data, "train")
    x, y = tensors(x[:limit], y[:limit], 0.1307, 0.3081)
    model = net(variant, act)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    perm = torch.randperm(len(x))
    t0 = time.perf_counter()
    for k in range(0, len(x), 64):
        i = perm[k:k + 64]
        opt.zero_grad()
        loss = loss_fn(model(x[i]), y[i])
        loss.backward()
        opt.step()
    s = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("torch variant=%s activation=%s %s images=%d seconds=%.3f images_per_s=%.0f "
          "peak_rss_mb=%.1f loss=%.4f" % (variant, act, config(threads), len(x), s,
                                          len(x) / s, rss, loss.item()))


def he_uniform(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            fan_in = m.weight[0].numel()
            a = math.sqrt(3.0 * 2.0 / fan_in)
            nn.init.uniform_(m.weight, -a, a)
            nn.init.zeros_(m.bias)


def evaluate(model, x, y):
    with torch.no_grad():
        out = torch.cat([model(x[k:k + 1000]) for k in range(0, len(x), 1000)])
        loss = nn.functional.cross_entropy(out, y).item()
        return loss, 100.0 * (out.argmax(1) == y).float().mean().item()


def accuracy(data, seed, target, threads):
    torch.manual_seed(seed)
    xr, yr = load(data, "train")
    xt, yt = load(data, "t10k")
    split = torch.randperm(len(xr)).numpy()
    tr, va = split[:-5000], split[-5000:]
    mean, sd = xr[tr].mean() / 255.0, xr[tr].std() / 255.0
    x, y = tensors(xr[tr], yr[tr], mean, sd)
    xv, yv = tensors(xr[va], yr[va], mean, sd)
    xt, yt = tensors(xt, yt, mean, sd)
    model = net("lenet5")
    he_uniform(model)
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
        if acc >= target:
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
          "seconds=%.2f test_acc=%.2f" % (config(threads), seed, target, acc >= target, e,
                                          seconds, acc))


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "epoch":
        threads = int(args[3])
        torch.set_num_threads(threads)
        epoch(args[0], args[1], args[2], threads, *[int(a) for a in args[4:5]])
    elif mode == "accuracy":
        threads = int(args[3])
        torch.set_num_threads(threads)
        accuracy(args[0], int(args[1]), float(args[2]), threads)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
