"""Loads the files Kerflux wrote with real Keras 3 and checks them; writes Keras' own copies back.

Usage: python check_interop.py DIR

DIR holds what `InteropModels write DIR` wrote. For each model <name> (one <name>_info.json each):

  .keras                 keras.saving.load_model: predictions, compile config, optimizer state,
                         one more training step; then the file's structure is compared with the
                         .keras Keras itself writes for the loaded model (config.json and
                         model.weights.h5: paths, shapes, dtypes, attributes)
  .h5                    keras.saving.load_model through Keras 3's legacy HDF5 path
  .json + _weights.h5    keras.models.model_from_json + load_weights (legacy HDF5 weights)
  .weights.h5            load_weights into the model built from the .json (Keras 3 weights layout)

Keras' copies go to DIR/keras/ (<name>.keras, .h5, .weights.h5, .json) for `InteropModels read DIR`.
Exit status 1 if a check failed. This script is a tool for the check only: Kerflux and its tests
never need Python.
"""

import io
import json
import os
import sys
import warnings
import zipfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

TOLERANCE = 1e-5
failures = []
limits = []
current = [""]


def report(ok, what, detail=""):
    print(f"  {'OK  ' if ok else 'FAIL'} {what}{': ' + detail if detail else ''}")
    if not ok:
        failures.append(f"{current[0]} {what}")


def note(what):
    print(f"  NOTE {what}")


def limit(what, detail):
    """A file Kerflux wrote correctly that Keras 3 cannot use, for a reason in Keras itself."""
    print(f"  KERAS-LIMIT {what}: {detail}")
    limits.append(f"{current[0]} {what}")


def max_diff(a, b):
    return float(np.max(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64).reshape(np.shape(a)))))


def inputs(d, name, info, suffix="x"):
    x = np.load(os.path.join(d, f"{name}_{suffix}.npy"))
    return x.astype("int32") if info["int_input"] else x


def check_predictions(model, d, name, info, what):
    diff = max_diff(model.predict(inputs(d, name, info), verbose=0), np.load(os.path.join(d, f"{name}_pred.npy")))
    if diff > TOLERANCE and not info["keras3_formats"]:
        note(f"{what} predictions differ as expected (max|diff| {diff:.2e}): Keras 3 redefined hard_sigmoid "
             f"(clip(x/6 + 0.5) instead of Keras 2's clip(0.2x + 0.5)), so it cannot reproduce this Keras 2 model")
        return
    report(diff <= TOLERANCE, f"{what} predictions", f"max|diff| {diff:.2e}")


ALIASES = {"mse": "mean_squared_error", "mae": "mean_absolute_error", "acc": "accuracy"}


def name_of(o):
    """A loss or metric's name, whether Keras hands back a string or a serialized object."""
    if isinstance(o, dict):
        cfg = o.get("config")
        o = cfg if isinstance(cfg, str) else (cfg or {}).get("name", o.get("class_name"))
    return ALIASES.get(o, o)


def check_compile(model, info, what):
    if not info["compiled"]:
        report(not model.compiled, f"{what} not compiled")
        return
    if not model.compiled:
        report(False, f"{what} compiled", "the model came back uncompiled")
        return
    cfg = model.get_compile_config()
    opt = model.optimizer
    schedule = opt._learning_rate if isinstance(opt._learning_rate, keras.optimizers.schedules.LearningRateSchedule) \
        else None
    lr = float(schedule.initial_learning_rate if schedule else keras.ops.convert_to_numpy(opt.learning_rate))
    got = (type(opt).__name__, name_of(cfg.get("loss")), [name_of(m) for m in cfg.get("metrics") or []])
    expected = (info["optimizer"], name_of(info["loss"]), [name_of(m) for m in info["metrics"]])
    ok = got == expected and abs(lr - info["learning_rate"]) <= 1e-7 * max(1.0, info["learning_rate"])
    decay = f" ({type(schedule).__name__} decay_rate={schedule.decay_rate} decay_steps={schedule.decay_steps})" \
        if schedule else ""
    report(ok, f"{what} compile config", f"{got[0]} lr={lr:.6g}{decay}, loss={got[1]}, metrics={got[2]}"
           + ("" if ok else f"; expected {expected} lr={info['learning_rate']}"))


def file_optimizer_vars(path):
    with zipfile.ZipFile(path) as z, h5py.File(io.BytesIO(z.read("model.weights.h5")), "r") as f:
        if "optimizer/vars" not in f:
            return None
        g = f["optimizer/vars"]
        return [np.asarray(g[str(i)]) for i in range(len(g))]


def check_optimizer_state(model, path, info, what):
    """The optimizer variables Keras holds after loading are the ones in the file, and none is fresh."""
    saved = file_optimizer_vars(path)
    if saved is None:
        report(False, f"{what} optimizer state", "no optimizer/vars in the file")
        return
    held = [keras.ops.convert_to_numpy(v) for v in model.optimizer.variables]
    if len(held) != len(saved):
        report(False, f"{what} optimizer state", f"Keras holds {len(held)} variables, the file {len(saved)}")
        return
    worst = max(max_diff(h, s) for h, s in zip(held, saved))
    iterations = int(keras.ops.convert_to_numpy(model.optimizer.iterations))
    names = ", ".join(v.path.split("/")[-1] for v in model.optimizer.variables[:4])
    ok = worst == 0 and iterations == info["iterations"]
    report(ok, f"{what} optimizer state", f"{len(held)} variables ({names}, ...) equal to the file's, "
           f"iterations={iterations}" + ("" if ok else f" (max|diff| {worst:.2e}, expected iterations "
                                             f"{info['iterations']})"))


def check_step(model, d, name, info, what):
    """One train_on_batch from the loaded state lands where Kerflux's own next step landed."""
    if not info["step_comparable"]:
        return
    x, y = inputs(d, name, info, "step_x"), np.load(os.path.join(d, f"{name}_step_y.npy"))
    try:
        loss = model.train_on_batch(x, y)
    except ValueError as e:
        own = os.path.join(d, "keras", f"{name}.h5")
        if what == ".h5" and os.path.exists(own):
            # Keras 3.15's legacy loader builds the optimizer over no variables when the file holds
            # optimizer weights; see whether Keras' own .h5 of the same model fails the same way.
            try:
                keras.saving.load_model(own).train_on_batch(x, y)
            except ValueError as e2:
                if str(e2).split(":")[0] == str(e).split(":")[0]:
                    limit(f"{what} training step", "Keras 3.15's legacy loader builds the optimizer over no "
                          "variables when the file holds optimizer weights, so training fails; Keras' own legacy .h5 of "
                          f"this model fails the same way ({str(e)[:60]}...)")
                    return
        raise
    loss = float(loss[0] if isinstance(loss, (list, tuple)) else loss)
    diff = max_diff(model.predict(inputs(d, name, info), verbose=0), np.load(os.path.join(d, f"{name}_after_step.npy")))
    text = f"predictions after one more step max|diff| {diff:.2e}, loss {loss:.6f} vs Kerflux {info['step_loss']:.6f}"
    if diff <= TOLERANCE:
        report(True, f"{what} training step", text)
        return
    after = os.path.join(d, f"{name}_after_step.keras")
    worst = ""
    if os.path.exists(after):
        theirs = keras.saving.load_model(after, compile=False)
        diffs = sorted(((max_diff(a, b), a.path) for a, b in zip(model.weights, theirs.weights)), reverse=True)
        worst = "; weights that differ most from Kerflux's after its step: " + ", ".join(
            f"{p} {v:.1e}" for v, p in diffs[:3])
    note(f"{what} training step differs ({text}){worst}")


def strip_ids(o):
    if isinstance(o, dict):
        return {k: strip_ids(v) for k, v in o.items() if k != "shared_object_id"}
    if isinstance(o, list):
        return [strip_ids(v) for v in o]
    return o


def diff_json(a, b, path, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append(f"{path}.{k}: missing in Kerflux's file (Keras: {json.dumps(b[k])[:120]})")
            elif k not in b:
                out.append(f"{path}.{k}: only in Kerflux's file ({json.dumps(a[k])[:120]})")
            else:
                diff_json(a[k], b[k], f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            diff_json(x, y, f"{path}[{i}]", out)
    elif a != b and not (isinstance(a, float) and isinstance(b, float) and abs(a - b) <= 1e-7 * max(abs(a), abs(b))):
        out.append(f"{path}: Kerflux {json.dumps(a)[:120]} vs Keras {json.dumps(b)[:120]}")


def h5_tree(data):
    entries = {}
    with h5py.File(io.BytesIO(data), "r") as f:
        def visit(name, o):
            attrs = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in o.attrs.items()}
            kind = f"dataset {o.shape} {o.dtype}" if isinstance(o, h5py.Dataset) else "group"
            entries[name] = f"{kind} {attrs}" if attrs else kind
        f.visititems(visit)
    return entries


def compare_archives(ours, theirs, what):
    """Kerflux's .keras against the one Keras writes for the same loaded model."""
    with zipfile.ZipFile(ours) as a, zipfile.ZipFile(theirs) as b:
        out = []
        names_a = [(i.filename, i.compress_type) for i in a.infolist()]
        names_b = [(i.filename, i.compress_type) for i in b.infolist()]
        if names_a != names_b:
            out.append(f"zip entries: Kerflux {names_a} vs Keras {names_b}")
        meta_a, meta_b = json.loads(a.read("metadata.json")), json.loads(b.read("metadata.json"))
        if sorted(meta_a) != sorted(meta_b):
            out.append(f"metadata.json keys: Kerflux {sorted(meta_a)} vs Keras {sorted(meta_b)}")
        diff_json(strip_ids(json.loads(a.read("config.json"))), strip_ids(json.loads(b.read("config.json"))),
                  "config", out)
        ta, tb = h5_tree(a.read("model.weights.h5")), h5_tree(b.read("model.weights.h5"))
        empty = []
        for k in sorted(set(ta) | set(tb)):
            if k not in ta and tb[k].startswith("group") and not any(o.startswith(k + "/") and tb[o].startswith("dataset")
                                                                       for o in tb):
                empty.append(k)
            elif ta.get(k) != tb.get(k):
                out.append(f"model.weights.h5 {k}: Kerflux {ta.get(k)} vs Keras {tb.get(k)}")
    report(not out, f"{what} layout equals Keras' own .keras", f"{len(out)} difference(s)" if out else
           f"config.json, metadata.json keys, zip entries, every dataset's path, shape and dtype, every attribute")
    for line in out:
        print(f"       {line}")
    if empty:
        note(f"{what}: Kerflux leaves out {len(empty)} group(s) that hold no dataset in Keras' file "
             f"({', '.join(empty[:4])}{', ...' if len(empty) > 4 else ''}); Keras reads a missing group as empty")


def check(d, name):
    with open(os.path.join(d, f"{name}_info.json")) as f:
        info = json.load(f)
    print(f"{name}")
    current[0] = name
    out = os.path.join(d, "keras")
    os.makedirs(out, exist_ok=True)
    if info["keras3_formats"]:
        path = os.path.join(d, f"{name}.keras")
        try:
            model = keras.saving.load_model(path)
            check_predictions(model, d, name, info, ".keras")
            check_compile(model, info, ".keras")
            if info["compiled"]:
                check_optimizer_state(model, path, info, ".keras")
            mine = os.path.join(out, f"{name}.keras")
            model.save(mine)
            model.save(os.path.join(out, f"{name}.h5"))
            model.save_weights(os.path.join(out, f"{name}.weights.h5"))
            with open(os.path.join(out, f"{name}.json"), "w") as f:
                f.write(model.to_json())
            compare_archives(path, mine, ".keras")
            check_step(model, d, name, info, ".keras")
        except Exception as e:  # noqa: BLE001 - every failure is reported, then the next format runs
            report(False, ".keras load", f"{type(e).__name__}: {str(e)[:600]}")
    try:
        model = keras.saving.load_model(os.path.join(d, f"{name}.h5"))
        check_predictions(model, d, name, info, ".h5")
        check_compile(model, info, ".h5")
        check_step(model, d, name, info, ".h5")
    except ValueError as e:
        if "not recognized: {'schedule_decay'" in str(e):
            limit(".h5 load", "Keras 3 rejects Keras 2's Nadam argument schedule_decay (Kerflux leaves out the "
                  f"default 0.004, a Keras 2 file must keep any other value): {e}")
        else:
            report(False, ".h5 load", f"{type(e).__name__}: {str(e)[:600]}")
    except Exception as e:  # noqa: BLE001
        report(False, ".h5 load", f"{type(e).__name__}: {str(e)[:600]}")
    try:
        with open(os.path.join(d, f"{name}.json")) as f:
            model = keras.models.model_from_json(f.read())
        model.load_weights(os.path.join(d, f"{name}_weights.h5"))
        check_predictions(model, d, name, info, ".json + _weights.h5")
        if info["keras3_formats"]:
            model = keras.models.model_from_json(open(os.path.join(d, f"{name}.json")).read())
            model.load_weights(os.path.join(d, f"{name}.weights.h5"))
            check_predictions(model, d, name, info, ".json + .weights.h5")
    except Exception as e:  # noqa: BLE001
        report(False, ".json + weights load", f"{type(e).__name__}: {str(e)[:600]}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    d = sys.argv[1]
    print(f"Keras {keras.__version__}, backend {keras.backend.backend()}, h5py {h5py.__version__}, numpy {np.__version__}")
    warnings.simplefilter("ignore")
    names = sorted(f[: -len("_info.json")] for f in os.listdir(d) if f.endswith("_info.json"))
    for name in names:
        keras.backend.clear_session()
        check(d, name)
    print(f"{len(limits)} Keras limitation(s): " + ", ".join(limits))
    print(f"{len(failures)} check(s) failed" + (": " + ", ".join(failures) if failures else ""))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
