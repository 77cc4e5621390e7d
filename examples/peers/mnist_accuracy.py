"""PyTorch's side of `./kerflux accuracy --peers`: the demo's MLP on the bundled MNIST subset.

The same data (the gzip IDX files bundled with the examples, pixels scaled to [0, 1]), the same
model (784-512-512-10, relu, dropout 0.2 after each hidden layer, softmax), Keras' initialisation
(Glorot-uniform kernels, zero biases), Adam(1e-3, 0.9, 0.999, eps 1e-7), batch 128 with the last
partial batch kept, a new shuffle every epoch, 20 epochs. Prints one line per seed:

    seed <seed> test_accuracy <fraction> train_seconds <seconds>

The softmax and the crossentropy are fused (`cross_entropy` on the logits), as a PyTorch user
writes it; it is the same function as Keras' softmax followed by categorical crossentropy.
"""

import argparse
import gzip
import os
import struct
import time

import numpy as np
import torch
from torch import nn

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "io", "kerflux",
                    "examples", "mnist")


def idx(path, magic):
    """The unsigned bytes of a gzip IDX file, after checking its magic number."""
    with gzip.open(path, "rb") as f:
        found, = struct.unpack(">i", f.read(4))
        if found != magic:
            raise ValueError("%s: expected IDX magic %d but found %d" % (path, magic, found))
        dims = struct.unpack(">" + "i" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def split(data, name):
    x = idx(os.path.join(data, name + "-images-idx3-ubyte.gz"), 2051).reshape(-1, 784).astype(np.float32) / 255
    y = idx(os.path.join(data, name + "-labels-idx1-ubyte.gz"), 2049).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


def model():
    net = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 512), nn.ReLU(),
                        nn.Dropout(0.2), nn.Linear(512, 10))
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


def accuracy(seed, train, test, epochs, batch):
    torch.manual_seed(seed)
    net = model()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    (x, y), (x_test, y_test) = train, test
    start = time.perf_counter()
    for _ in range(epochs):
        net.train()
        order = torch.randperm(x.shape[0])
        for i in range(0, x.shape[0], batch):
            idx_batch = order[i:i + batch]
            opt.zero_grad(set_to_none=True)
            nn.functional.cross_entropy(net(x[idx_batch]), y[idx_batch]).backward()
            opt.step()
    seconds = time.perf_counter() - start
    net.eval()
    with torch.inference_mode():
        correct = (net(x_test).argmax(dim=1) == y_test).sum().item()
    return correct / y_test.shape[0], seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[42, 43, 44, 45, 46])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--data", default=DATA, help="the folder of the gzip IDX files")
    args = parser.parse_args()
    train, test = split(args.data, "train"), split(args.data, "test")
    for seed in args.seeds:
        acc, seconds = accuracy(seed, train, test, args.epochs, args.batch)
        print("seed %d test_accuracy %.4f train_seconds %.1f" % (seed, acc, seconds), flush=True)


if __name__ == "__main__":
    main()
