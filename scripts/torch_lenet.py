#!/usr/bin/python3
"""The PyTorch reference for `make bench`: the same two networks as lenet (LeNet-5
and its depthwise-separable twin), one epoch of SGD (momentum 0.9, lr 0.01) at batch
64 over MNIST's 60,000 training images, held in memory as one normalised tensor so
that data loading is not timed.  Prints one line per run in lenet's key=value form.

usage: torch_lenet.py DATA_DIR VARIANT THREADS [LIMIT]
"""
import gzip, os, resource, sys, time
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


def conv(variant, cin, cout, pad):
    if variant == "lenet5":
        return nn.Conv2d(cin, cout, 5, padding=pad)
    return nn.Sequential(nn.Conv2d(cin, cin, 5, padding=pad, groups=cin),
                         nn.Conv2d(cin, cout, 1))


def net(variant):
    return nn.Sequential(conv(variant, 1, 6, 2), nn.ReLU(), nn.AvgPool2d(2),
                         conv(variant, 6, 16, 0), nn.ReLU(), nn.AvgPool2d(2),
                         conv(variant, 16, 120, 0), nn.ReLU(), nn.Flatten(),
                         nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def main():
    data, variant, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else 60000
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x = idx(find(data, "train-images-idx3-ubyte"))[:limit]
    y = idx(find(data, "train-labels-idx1-ubyte"))[:limit]
    x = torch.from_numpy(((x / 255.0 - 0.1307) / 0.3081).astype(np.float32)).unsqueeze(1)
    y = torch.from_numpy(y.astype(np.int64))
    model = net(variant)
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
    print("torch variant=%s threads=%d images=%d seconds=%.3f images_per_s=%.0f "
          "peak_rss_mb=%.1f loss=%.4f" % (variant, threads, len(x), s, len(x) / s, rss,
                                          loss.item()))


if __name__ == "__main__":
    main()
