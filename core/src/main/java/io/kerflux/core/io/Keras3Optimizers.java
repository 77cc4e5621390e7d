package io.kerflux.core.io;

import io.kerflux.core.layers.Layer;
import io.kerflux.core.layers.Weight;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.optimizers.BaseOptimizer;
import io.kerflux.core.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimizers in Keras 3 terms: their {@code compile_config} entry and their variables in
 * {@code optimizer/vars} of a {@code model.weights.h5}.
 *
 * <p>Keras 3 lists an optimizer's variables as {@code iteration} (int64), {@code learning_rate}
 * (float32; absent when the rate is a schedule), then the slots it creates in {@code build}: each
 * call of {@code add_optimizer_variables(vars, [names…])} interleaves its slots per trainable
 * variable ({@code m_0, v_0, m_1, v_1, …} for Adam), and AMSGrad's {@code velocity_hat} comes from a
 * second call after them. Nadam appends its {@code u_product} scalar. This library keeps the Keras
 * 2.3 order instead ({@code [iterations, scalars…, m_0 … m_n-1, v_0 … v_n-1]}), so the arrays are
 * reordered both ways.
 *
 * <p>Semantics that differ between the Keras 2.3 optimizers implemented here and Keras 3 are mapped
 * where an exact equivalent exists: {@code decay} becomes an {@code InverseTimeDecay} schedule with
 * {@code decay_steps=1}; Keras 2.3's {@code clipnorm} (a global norm) is Keras 3's {@code
 * global_clipnorm}; Keras 3's Nadam is Keras 2.3's with {@code schedule_decay=1}.
 */
final class Keras3Optimizers {
    private Keras3Optimizers() { }

    /**
     * The optimizer's {@code {"module", "class_name", "config", "registered_name"}} entry.
     *
     * @param optimizer the optimizer
     * @return the entry
     * @throws IllegalArgumentException if Keras 3 has no equivalent of the optimizer's settings
     */
    static Map<String, Object> config(Optimizer optimizer) {
        String cls = optimizer.className();
        Map<String, Object> k2 = optimizer.getConfig();
        double decay = number(k2, "decay", 0);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", switch (cls) {
            case "RMSprop" -> "rm_sprop";
            default -> cls.toLowerCase(java.util.Locale.ROOT);
        });
        if (decay > 0) {
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put("initial_learning_rate", optimizer.learningRate());
            schedule.put("decay_steps", 1);
            schedule.put("decay_rate", decay);
            schedule.put("staircase", false);
            schedule.put("name", "InverseTimeDecay");
            c.put("learning_rate", Keras3Config.wrap("keras.optimizers.schedules", "InverseTimeDecay", schedule));
        } else {
            c.put("learning_rate", optimizer.learningRate());
        }
        c.put("weight_decay", null);
        c.put("clipnorm", null);
        c.put("global_clipnorm", k2.get("clipnorm"));
        c.put("clipvalue", k2.get("clipvalue"));
        c.put("use_ema", false);
        c.put("ema_momentum", 0.99);
        c.put("ema_overwrite_frequency", null);
        c.put("loss_scale_factor", null);
        c.put("gradient_accumulation_steps", null);
        switch (cls) {
            case "SGD" -> copy(k2, c, "momentum", "nesterov");
            case "RMSprop" -> {
                copy(k2, c, "rho");
                c.put("momentum", 0.0);
                copy(k2, c, "epsilon");
                c.put("centered", false);
            }
            case "Adagrad" -> {
                // Keras 2.3's accumulators start at zero; Keras 3 makes the start a setting.
                c.put("initial_accumulator_value", 0.0);
                copy(k2, c, "epsilon");
            }
            case "Adadelta" -> copy(k2, c, "rho", "epsilon");
            case "Adam" -> copy(k2, c, "beta_1", "beta_2", "epsilon", "amsgrad");
            case "Adamax" -> copy(k2, c, "beta_1", "beta_2", "epsilon");
            case "Nadam" -> {
                if (number(k2, "schedule_decay", 1) != 1) {
                    throw new IllegalArgumentException("Keras 3's Nadam is Keras 2's with schedule_decay=1, so a .keras "
                            + "file would change this optimizer; save it as .h5, or use Nadam.builder().scheduleDecay(1). "
                            + "Received: schedule_decay=" + k2.get("schedule_decay"));
                }
                copy(k2, c, "beta_1", "beta_2", "epsilon");
            }
            default -> throw new IllegalArgumentException("The optimizer " + cls + " has no Keras 3 equivalent; save "
                    + "the model as .h5 or compile it with a Keras optimizer.");
        }
        return Keras3Config.wrap("keras.optimizers", cls, c);
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String... keys) {
        for (String k : keys) {
            to.put(k, from.get(k));
        }
    }

    private static double number(Map<String, Object> config, String key, double fallback) {
        return config.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    /**
     * The Keras 3 variables of a compiled model's optimizer, in Keras' order; zeros for slots not
     * created yet (Keras builds them when it compiles a loaded model).
     *
     * @param model a compiled model
     * @return iteration (a {@code long}), learning rate (a {@code float}) unless decayed, then the
     *     slot arrays, then Nadam's {@code u_product} (a {@code float})
     */
    static List<Object> variables(Sequential model) {
        BaseOptimizer o = base(model.optimizer());
        List<INDArray> params = trainableValues(model);
        List<INDArray> state = o.getWeights();
        int[][] groups = slotGroups(o);
        int slots = 0;
        for (int[] g : groups) {
            slots += g.length;
        }
        int scalars = o.className().equals("Nadam") ? 1 : 0;
        int stored = o.className().equals("SGD") && groups.length == 0 ? 1 : slots;
        boolean fresh = state.size() == 1 + scalars;
        if (!fresh && state.size() != 1 + scalars + stored * params.size()) {
            throw new IllegalStateException("The optimizer state holds " + state.size() + " arrays, which does not fit "
                    + params.size() + " trainable weights");
        }
        List<Object> out = new ArrayList<>();
        out.add(o.iterations());
        if (number(o.getConfig(), "decay", 0) == 0) {
            out.add((float) o.learningRate());
        }
        int n = params.size();
        for (int[] group : groups) {
            for (int p = 0; p < n; p++) {
                for (int slot : group) {
                    out.add(fresh ? Nd4j.zeros(params.get(p).dataType(), params.get(p).shape())
                            : state.get(1 + scalars + slot * n + p));
                }
            }
        }
        if (scalars == 1) {
            out.add((float) state.get(1).getDouble(0));
        }
        return out;
    }

    /**
     * Restores a Keras 3 {@code optimizer/vars} list into a compiled model's optimizer.
     *
     * @param model the compiled model
     * @param vars the variables in Keras' order ({@code iteration} first)
     * @param where the file and group, for messages
     * @throws IllegalArgumentException if the number or shapes of the variables do not fit
     */
    static void restore(Sequential model, List<INDArray> vars, String where) {
        BaseOptimizer o = base(model.optimizer());
        List<INDArray> params = trainableValues(model);
        int n = params.size();
        int[][] groups = slotGroups(o);
        int slots = 0;
        for (int[] g : groups) {
            slots += g.length;
        }
        boolean schedule = number(o.getConfig(), "decay", 0) > 0;
        boolean nadam = o.className().equals("Nadam");
        int expected = 1 + (schedule ? 0 : 1) + slots * n + (nadam ? 1 : 0);
        if (vars.size() != expected) {
            throw new IllegalArgumentException(where + ": " + o.className() + " over " + n + " trainable weights has "
                    + expected + " variables in Keras 3 but the file holds " + vars.size());
        }
        INDArray[][] bySlot = new INDArray[slots][n];
        int next = schedule ? 1 : 2;
        for (int[] group : groups) {
            for (int p = 0; p < n; p++) {
                for (int slot : group) {
                    INDArray v = vars.get(next++);
                    if (!Arrays.equals(v.shape(), params.get(p).shape())) {
                        throw new IllegalArgumentException(where + "/" + (next - 1) + ": expected shape "
                                + Arrays.toString(params.get(p).shape()) + " for a slot of trainable weight #"
                                + p + ", found " + Arrays.toString(v.shape()));
                    }
                    bySlot[slot][p] = v.castTo(params.get(p).dataType());
                }
            }
        }
        List<INDArray> state = new ArrayList<>();
        state.add(Nd4j.scalar(vars.get(0).getDouble(0)));
        if (nadam) {
            state.add(Nd4j.scalar(vars.get(vars.size() - 1).getDouble(0)));
        }
        for (INDArray[] kind : bySlot) {
            state.addAll(List.of(kind));
        }
        o.setWeights(state);
        // The variable is float32: keep the configured double unless a callback changed the rate.
        if (!schedule && (float) o.learningRate() != vars.get(1).getFloat(0)) {
            o.learningRate(vars.get(1).getDouble(0));
        }
    }

    private static BaseOptimizer base(Optimizer optimizer) {
        if (!(optimizer instanceof BaseOptimizer b)) {
            throw new IllegalArgumentException("The optimizer " + optimizer.className() + " has no Keras 3 state layout");
        }
        return b;
    }

    /** The trainable weights' values, in the order the optimizer sees them. */
    private static List<INDArray> trainableValues(Sequential model) {
        List<INDArray> out = new ArrayList<>();
        for (Layer layer : model.layers()) {
            for (Weight w : layer.trainableWeights()) {
                out.add(w.value());
            }
        }
        return out;
    }

    /**
     * The slots of this library's optimizer (indices in its Keras 2.3 order), grouped as Keras 3
     * creates them: each group interleaved per trainable variable, the groups one after another.
     */
    private static int[][] slotGroups(BaseOptimizer o) {
        Map<String, Object> c = o.getConfig();
        return switch (o.className()) {
            // Keras 2.3 keeps SGD's moments even without momentum; Keras 3 creates none then.
            case "SGD" -> number(c, "momentum", 0) == 0 ? new int[0][] : new int[][] {{0}};
            case "RMSprop", "Adagrad" -> new int[][] {{0}};
            case "Adadelta", "Adamax", "Nadam" -> new int[][] {{0, 1}};
            case "Adam" -> Boolean.TRUE.equals(c.get("amsgrad")) ? new int[][] {{0, 1}, {2}} : new int[][] {{0, 1}};
            default -> throw new IllegalArgumentException("The optimizer " + o.className() + " has no Keras 3 state layout");
        };
    }
}
