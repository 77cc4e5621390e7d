"""The Python peers of `./kerflux bench --peers`: the benchmark workloads in PyTorch or in Keras 3.

One process per framework (never both in one process: their thread pools would compete). The
Java benchmark starts it, then alternates timing rounds between Kerflux, DL4J and the peers over a
line protocol, so every model is built and warmed once:

    trial                ->  ok <seconds>   (a fixed short job: W1 20 steps, W4 300 steps)
    prepare <key>        ->  ok <note>  |  na <reason>
    run <key> <steps>    ->  ok <samples> <seconds>
    (end of input)       ->  the process exits

Keys are W1, W1-fit, W1-inference, W2, W3 and W4 (the rows of Bench.java). On start the process
prints one line, `hello <name>\t<threading settings>`. Anything that is not a reply (library
logs, warnings) goes to stderr. Errors are answered with `error <message>`.

The Java side starts each framework under both OpenMP wait policies (unset and PASSIVE), times
`trial` in both processes and keeps the faster one: on a quiet 2-core machine the pip PyTorch
wheel is fastest with its defaults, on a busy one its spinning threads made it up to 10x slower.

The data are synthetic float32 arrays of the workloads' shapes, sliced into as many distinct
batches as the Java side uses (see Spec and Data there) and cycled, so the steps time the same
amount of work on every side.
"""

import argparse
import os
import sys
import time

import numpy as np


# key -> (batch, shape of one sample in Keras' layout, classes (1 = binary), distinct batches at scale 1)
WORKLOADS = {
    "W1": (128, (784,), 10, 240),
    "W1-fit": (128, (784,), 10, 240),
    "W1-inference": (1024, (784,), 10, 8),
    "W2": (64, (28, 28, 1), 10, 16),
    "W3": (64, (50, 32), 10, 16),
    "W4": (32, (20,), 1, 64),
}
SEED = 42


def synthetic(key, scale):
    """Inputs uniform in [0, 1) and random class indices (or 0/1 labels), split into batches."""
    batch, shape, classes, distinct = WORKLOADS[key]
    # Only W1's training rows shrink with --quick on the Java side (its distinct batches = its steps).
    if key in ("W1", "W1-fit"):
        distinct = max(1, distinct // scale)
    rng = np.random.default_rng(SEED)
    x = rng.random((batch * distinct,) + shape, dtype=np.float32)
    labels = rng.integers(0, max(classes, 2), size=batch * distinct)
    return batch, x, labels, classes


class Timed:
    """A prepared workload: `run(steps)` does `steps` batches and returns the samples processed."""

    def __init__(self, run, note):
        self.run = run
        self.note = note


class TorchPeer:
    """PyTorch with its default intra-op threads; the OpenMP wait policy is the Java side's choice."""

    def __init__(self, scale):
        import torch

        self.torch = torch
        self.scale = scale
        self.name = "PyTorch " + torch.__version__
        self.settings = "%d intra-op threads (its default), OMP_WAIT_POLICY=%s" % (
            torch.get_num_threads(), os.environ.get("OMP_WAIT_POLICY", "unset"))

    def trial(self):
        return [(self.prepare("W1").run, 20), (self.prepare("W4").run, 300)]

    def model(self, key):
        nn = self.torch.nn
        if key in ("W1", "W1-fit", "W1-inference"):
            layers = [nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10)]
        elif key == "W2":
            layers = [nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                      nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10)]
        elif key == "W3":
            class LastStepLstm(nn.Module):
                """LSTM(128) over the 50 steps, then a linear layer on the last step's output."""

                def __init__(self):
                    super().__init__()
                    self.lstm = nn.LSTM(32, 128, batch_first=True)
                    self.out = nn.Linear(128, 10)

                def forward(self, x):
                    _, (h, _) = self.lstm(x)
                    return self.out(h[-1])
            return LastStepLstm()
        else:
            layers = [nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 1)]
        model = nn.Sequential(*layers)
        for m in model.modules():
            if isinstance(m, (nn.Linear, nn.Conv2d)):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)
        return model

    def prepare(self, key):
        torch = self.torch
        torch.manual_seed(SEED)
        batch, x, labels, classes = synthetic(key, self.scale)
        x = torch.from_numpy(x)
        if key == "W2":
            x = x.permute(0, 3, 1, 2).contiguous()  # NCHW, PyTorch's layout
        if classes == 1:
            y = torch.from_numpy(labels.astype(np.float32)).reshape(-1, 1)
            loss = torch.nn.functional.binary_cross_entropy_with_logits
        else:
            y = torch.from_numpy(labels)
            loss = torch.nn.functional.cross_entropy
        model = self.model(key)
        xs, ys = list(torch.split(x, batch)), list(torch.split(y, batch))
        # Copies, as on the Java side: a step never reads through a view.
        xs, ys = [t.clone() for t in xs], [t.clone() for t in ys]

        if key == "W1-inference":
            model.eval()

            def predict(steps):
                with torch.inference_mode():
                    for i in range(steps):
                        torch.softmax(model(xs[i % len(xs)]), dim=1)
                return steps * batch
            return Timed(predict, "softmax(model(x)) under inference_mode")

        if key == "W4":
            opt = torch.optim.SGD(model.parameters(), lr=0.01)
        else:
            opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)

        def step(xb, yb):
            opt.zero_grad(set_to_none=True)
            loss(model(xb), yb).backward()
            opt.step()

        if key == "W1-fit":
            # The loop a PyTorch user writes for fit: a new permutation each epoch, gathered batches.
            def fit(steps):
                epochs = max(1, steps // len(xs))
                for _ in range(epochs):
                    order = torch.randperm(x.shape[0])
                    for start in range(0, x.shape[0], batch):
                        idx = order[start:start + batch]
                        step(x[idx], y[idx])
                return epochs * x.shape[0]
            return Timed(fit, "shuffled gather per epoch, logits + fused cross-entropy")

        def train(steps):
            for i in range(steps):
                step(xs[i % len(xs)], ys[i % len(ys)])
            return steps * batch
        return Timed(train, "logits + fused %s" % ("BCE" if classes == 1 else "cross-entropy"))


class KerasPeer:
    """Keras 3 on TensorFlow: each training row tries jit_compile on and off and keeps the faster."""

    def __init__(self, scale):
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        import keras
        import tensorflow as tf

        self.keras = keras
        self.tf = tf
        self.scale = scale
        self.name = "Keras %s on TensorFlow %s" % (keras.__version__, tf.__version__)
        self.settings = "TensorFlow's default thread pools (intra-op %d = all cores), OMP_WAIT_POLICY=%s" % (
            tf.config.threading.get_intra_op_parallelism_threads(), os.environ.get("OMP_WAIT_POLICY", "unset"))

    def trial(self):
        return [(self.workload("W1", "train_on_batch", False), 20), (self.workload("W4", "train_on_batch", False), 300)]

    def model(self, key, jit):
        keras = self.keras
        layers = keras.layers
        if key in ("W1", "W1-fit", "W1-inference"):
            stack = [keras.Input((784,)), layers.Dense(512, activation="relu"), layers.Dense(512, activation="relu"),
                     layers.Dense(10, activation="softmax")]
        elif key == "W2":
            stack = [keras.Input((28, 28, 1)), layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
                     layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2), layers.Flatten(),
                     layers.Dense(128, activation="relu"), layers.Dense(10, activation="softmax")]
        elif key == "W3":
            stack = [keras.Input((50, 32)), layers.LSTM(128), layers.Dense(10, activation="softmax")]
        else:
            stack = [keras.Input((20,)), layers.Dense(32, activation="relu"), layers.Dense(1, activation="sigmoid")]
        model = keras.Sequential(stack)
        if key == "W4":
            model.compile(keras.optimizers.SGD(0.01), "binary_crossentropy", jit_compile=jit)
        else:
            model.compile(keras.optimizers.Adam(1e-3, epsilon=1e-7), "categorical_crossentropy", jit_compile=jit)
        return model

    def workload(self, key, api, jit):
        tf = self.tf
        self.keras.utils.set_random_seed(SEED)
        batch, x, labels, classes = synthetic(key, self.scale)
        y = labels.astype(np.float32).reshape(-1, 1) if classes == 1 else np.eye(classes, dtype=np.float32)[labels]
        model = self.model(key, jit)
        n = x.shape[0] // batch
        if api == "fit":
            # The fit row shuffles (Keras' default), as Kerflux's fit does; the other rows run fit as
            # a plain training loop over the batches, in order, from tensors made once.
            shuffle = key == "W1-fit"
            data = (x, y) if shuffle else (tf.constant(x), tf.constant(y))

            def fit(steps):
                epochs = max(1, steps // n)
                model.fit(*data, batch_size=batch, epochs=epochs, shuffle=shuffle, verbose=0)
                return epochs * n * batch
            return fit
        xs = [tf.constant(x[i * batch:(i + 1) * batch]) for i in range(n)]
        ys = [tf.constant(y[i * batch:(i + 1) * batch]) for i in range(n)]
        if api == "predict_on_batch":
            def predict(steps):
                for i in range(steps):
                    model.predict_on_batch(xs[i % n])
                return steps * batch
            return predict

        def train(steps):
            for i in range(steps):
                model.train_on_batch(xs[i % n], ys[i % n])
            return steps * batch
        return train

    def prepare(self, key):
        """Times every way this row can run (API x jit_compile) in two short rounds; keeps the fastest."""
        if key == "W1-inference":
            apis = ("predict_on_batch",)
        elif key == "W1-fit":
            apis = ("fit",)
        else:
            apis = ("train_on_batch", "fit")
        variants = {(api, jit): self.workload(key, api, jit) for api in apis for jit in (False, True)}
        steps = {"W1": 60, "W1-fit": 240, "W1-inference": 30, "W2": 32, "W3": 16, "W4": 640}[key] // self.scale
        rates = {v: 0.0 for v in variants}
        for run in variants.values():
            run(1)  # traces the graph (and compiles it with XLA when jit is on)
        for _ in range(2):
            for v, run in variants.items():
                start = time.perf_counter()
                samples = run(max(1, steps))
                rates[v] = max(rates[v], samples / (time.perf_counter() - start))
        best = max(rates, key=rates.get)
        trial = ", ".join("%s jit %s %.0f" % (api, "on" if jit else "off", r) for (api, jit), r in rates.items())
        return Timed(variants[best], "%s, jit_compile=%s (trial samples/s: %s)" % (best[0], best[1], trial))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("framework", choices=("torch", "keras"))
    parser.add_argument("--scale", type=int, default=1, help="5 for `bench --quick`: fewer W1 batches")
    args = parser.parse_args()

    # The protocol owns the real stdout; native libraries and warnings that print go to stderr.
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    peer = TorchPeer(args.scale) if args.framework == "torch" else KerasPeer(args.scale)
    replies.write("hello %s\t%s\n" % (peer.name, peer.settings))
    prepared = {}
    trial = None
    for line in sys.stdin:
        words = line.split()
        try:
            if len(words) == 2 and words[0] == "prepare":
                if words[1] not in WORKLOADS:
                    replies.write("na no workload %s here\n" % words[1])
                    continue
                prepared[words[1]] = peer.prepare(words[1])
                replies.write("ok %s\n" % prepared[words[1]].note)
            elif words == ["trial"]:
                trial = trial or peer.trial()
                start = time.perf_counter()
                for run, steps in trial:
                    run(steps)
                replies.write("ok %.6f\n" % (time.perf_counter() - start))
            elif len(words) == 3 and words[0] == "run" and words[1] in prepared:
                start = time.perf_counter()
                samples = prepared[words[1]].run(int(words[2]))
                replies.write("ok %d %.6f\n" % (samples, time.perf_counter() - start))
            else:
                replies.write("error cannot parse %r (prepare a key before running it)\n" % line.strip())
        except Exception as e:  # the Java side reports it and runs on without this peer's row
            replies.write("error %s: %s\n" % (type(e).__name__, str(e).replace("\n", " ")))


if __name__ == "__main__":
    main()
