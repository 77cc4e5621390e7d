"""Writes the Keras 3 optimizer fixtures of core/src/test/resources/keras/keras3-optimizers/.

Usage: python make_optimizer_fixtures.py OUT_DIR

For each optimizer setting: a Dense(4, tanh) -> Dense(2) model on 3 inputs with fixed weights,
compiled with loss "mse", trained 2 steps with train_on_batch, saved as <case>.keras (so the
archive holds a trained optimizer state). Then one more train_on_batch on a fixed batch; the
predictions before and after that step go to expected.json, which Kerflux's tests reproduce from
the loaded file. Run with Keras 3.15.1 on the TensorFlow backend (the layout the tests expect:
int64 iteration, module "keras.optimizers").
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402

O = keras.optimizers
CASES = {
    "sgd": lambda: O.SGD(learning_rate=0.05),
    "sgd_nesterov": lambda: O.SGD(learning_rate=0.05, momentum=0.9, nesterov=True),
    "sgd_global_clipnorm": lambda: O.SGD(learning_rate=0.05, momentum=0.5, global_clipnorm=0.1),
    "rmsprop": lambda: O.RMSprop(learning_rate=0.01),
    "adagrad": lambda: O.Adagrad(learning_rate=0.05),
    "adadelta": lambda: O.Adadelta(learning_rate=1.0),
    "adam": lambda: O.Adam(learning_rate=0.01),
    "adam_amsgrad": lambda: O.Adam(learning_rate=0.01, amsgrad=True),
    "adam_inverse_time_decay": lambda: O.Adam(learning_rate=O.schedules.InverseTimeDecay(0.01, 1, 0.5)),
    "adam_clipvalue": lambda: O.Adam(learning_rate=0.01, clipvalue=0.01),
    "adamax": lambda: O.Adamax(learning_rate=0.01),
    "nadam": lambda: O.Nadam(learning_rate=0.01),
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    weights = [rng.uniform(-0.5, 0.5, s).astype("float32") for s in [(3, 4), (4,), (4, 2), (2,)]]
    batches = [(rng.normal(size=(4, 3)).astype("float32"), rng.normal(size=(4, 2)).astype("float32")) for _ in range(3)]
    x = rng.normal(size=(4, 3)).astype("float32")
    expected = {"x": x.tolist(), "step_x": batches[2][0].tolist(), "step_y": batches[2][1].tolist(), "cases": {}}
    for name, make in CASES.items():
        keras.backend.clear_session()
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="tanh"), keras.layers.Dense(2)])
        model.set_weights(weights)
        model.compile(optimizer=make(), loss="mse")
        for bx, by in batches[:2]:
            model.train_on_batch(bx, by)
        model.save(os.path.join(out, f"{name}.keras"))
        before = model.predict(x, verbose=0)
        model.train_on_batch(*batches[2])
        after = model.predict(x, verbose=0)
        expected["cases"][name] = {"before": before.tolist(), "after_step": after.tolist()}
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)
    print(f"Keras {keras.__version__} ({keras.backend.backend()}): wrote {len(CASES)} archives to {out}")


if __name__ == "__main__":
    main()
