package io.kerflux.core.io;

import io.kerflux.core.models.Sequential;
import io.kerflux.core.optimizers.Adadelta;
import io.kerflux.core.optimizers.Adagrad;
import io.kerflux.core.optimizers.Adam;
import io.kerflux.core.optimizers.Adamax;
import io.kerflux.core.optimizers.BaseOptimizer;
import io.kerflux.core.optimizers.Nadam;
import io.kerflux.core.optimizers.Optimizer;
import io.kerflux.core.optimizers.RMSprop;
import io.kerflux.core.optimizers.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Keras' {@code training_config}: the optimizer, loss and metrics a saved model was compiled with.
 */
final class TrainingConfigs {
    /** Keras 2's default Nadam {@code schedule_decay}. */
    private static final double NADAM_SCHEDULE_DECAY = 0.004;

    private TrainingConfigs() { }

    /** The training config of a compiled model, as Keras 2.3 writes it. */
    static Map<String, Object> of(Sequential model) {
        Optimizer opt = model.optimizer();
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("class_name", opt.className());
        Map<String, Object> config = new LinkedHashMap<>(opt.getConfig());
        // Keras 3 refuses the key outright; without it Keras 2 reads the same default.
        if (config.get("schedule_decay") instanceof Number d && d.doubleValue() == NADAM_SCHEDULE_DECAY) {
            config.remove("schedule_decay");
        }
        optimizer.put("config", config);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("optimizer_config", optimizer);
        c.put("loss", model.loss().name());
        c.put("metrics", userMetrics(model));
        c.put("weighted_metrics", null);
        c.put("sample_weight_mode", null);
        c.put("loss_weights", null);
        return c;
    }

    /** Keras' metrics_names minus "loss": the names the user passed, which compile resolves again. */
    private static List<String> userMetrics(Sequential model) {
        List<String> names = new ArrayList<>(model.metricsNames());
        names.remove("loss");
        return names;
    }

    /**
     * Compiles a model with a saved training config.
     *
     * @param model the model
     * @param config the parsed {@code training_config} (for a {@code .keras} archive, its {@code
     *     compile_config} with {@code optimizer} renamed {@code optimizer_config})
     * @param keras3 whether Keras 3 wrote the optimizer config: its {@code clipnorm}, learning-rate
     *     schedules and Nadam mean something else than Keras 2's
     * @param where the file, for messages
     * @throws IllegalArgumentException for an unsupported optimizer, loss or metric
     */
    static void compile(Sequential model, Map<String, @Nullable Object> config, boolean keras3, String where) {
        LayerConfig c = new LayerConfig(where + " training_config", config);
        Object opt = c.raw("optimizer_config");
        if (!(opt instanceof Map<?, ?> om) || !(om.get("class_name") instanceof String cls)) {
            throw c.error("optimizer_config", "expected a {\"class_name\", \"config\"} object");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> oc = om.get("config") instanceof Map<?, ?> m
                ? (Map<String, @Nullable Object>) m : Map.of();
        Optimizer optimizer = optimizer(cls, new LayerConfig(where + " optimizer " + cls, oc), keras3);
        Object loss = c.raw("loss");
        if (!(loss instanceof String lossName)) {
            throw c.error("loss", "only a single loss given by its name is supported");
        }
        List<Object> metrics = new ArrayList<>();
        Object m = c.raw("metrics");
        if (m instanceof List<?> l) {
            for (Object e : l) {
                if (!(e instanceof String)) {
                    throw c.error("metrics", "only metrics given by their names are supported");
                }
                metrics.add(e);
            }
        } else if (m != null) {
            throw c.error("metrics", "expected a list of metric names");
        }
        model.compile(optimizer, io.kerflux.core.losses.Losses.get(lossName), metrics);
    }

    /**
     * An optimizer from its Keras config.
     *
     * <p>In the Keras 3 dialect, {@code global_clipnorm} is this library's {@code clipnorm} (Keras 2
     * clipped by the global norm too), an {@code InverseTimeDecay} learning rate with {@code
     * staircase=false} is its {@code decay}, Nadam's schedule is {@code schedule_decay=1}, and
     * Adagrad's {@code initial_accumulator_value} is ignored: accumulators start at zero (a saved
     * state replaces them anyway).
     */
    static Optimizer optimizer(String className, LayerConfig c, boolean keras3) {
        double[] rate = learningRate(c, keras3, switch (className) {
            case "SGD", "Adagrad" -> 0.01;
            case "Adadelta" -> 1.0;
            case "Adamax", "Nadam" -> 0.002;
            default -> 0.001;
        });
        double decay = keras3 ? rate[1] : c.doubleValue("decay", 0);
        Optimizer o = switch (className) {
            case "SGD" -> common(c, rate[0], keras3, SGD.builder().momentum(c.doubleValue("momentum", 0))
                    .nesterov(c.bool("nesterov", false)).decay(decay)).build();
            case "RMSprop" -> {
                if (keras3) {
                    requireDefault(c, "momentum", 0.0);
                    requireDefault(c, "centered", false);
                }
                yield adaptive(c, rate[0], keras3, decay, RMSprop.builder().rho(c.doubleValue("rho", 0.9))).build();
            }
            case "Adagrad" -> {
                c.raw("initial_accumulator_value");
                yield adaptive(c, rate[0], keras3, decay, Adagrad.builder()).build();
            }
            case "Adadelta" -> adaptive(c, rate[0], keras3, decay, Adadelta.builder().rho(c.doubleValue("rho", 0.95)))
                    .build();
            case "Adam" -> adaptive(c, rate[0], keras3, decay, Adam.builder().beta1(c.doubleValue("beta_1", 0.9))
                    .beta2(c.doubleValue("beta_2", 0.999)).amsgrad(c.bool("amsgrad", false))).build();
            case "Adamax" -> adaptive(c, rate[0], keras3, decay, Adamax.builder().beta1(c.doubleValue("beta_1", 0.9))
                    .beta2(c.doubleValue("beta_2", 0.999))).build();
            case "Nadam" -> {
                if (decay != 0) {
                    throw c.error("learning_rate", "Nadam takes no learning-rate decay");
                }
                yield common(c, rate[0], keras3, Nadam.builder().beta1(c.doubleValue("beta_1", 0.9))
                        .beta2(c.doubleValue("beta_2", 0.999)).epsilon(c.doubleValue("epsilon", 1e-7))
                        .scheduleDecay(keras3 ? 1 : c.doubleValue("schedule_decay", NADAM_SCHEDULE_DECAY))).build();
            }
            default -> throw new IllegalArgumentException(c.layer() + ": unknown optimizer class_name \""
                    + className + "\"");
        };
        // Keras 3 options: bookkeeping is ignored, features this library lacks must be off.
        for (String ignored : List.of("name", "ema_momentum", "ema_overwrite_frequency", "jit_compile",
                "is_legacy_optimizer")) {
            c.raw(ignored);
        }
        for (String off : List.of("weight_decay", "loss_scale_factor", "gradient_accumulation_steps", "use_ema")) {
            Object v = c.raw(off);
            if (v != null && !Boolean.FALSE.equals(v)) {
                throw c.error(off, "unsupported optimizer option");
            }
        }
        c.requireAllRead();
        return o;
    }

    private static void requireDefault(LayerConfig c, String key, Object harmless) {
        Object v = c.raw(key);
        if (v != null && !v.equals(harmless) && !(v instanceof Number n && harmless instanceof Number h
                && n.doubleValue() == h.doubleValue())) {
            throw c.error(key, "unsupported optimizer option");
        }
    }

    /**
     * The base learning rate and the decay per step: Keras 2's {@code lr}/{@code learning_rate}
     * number, or Keras 3's number or {@code InverseTimeDecay} schedule.
     */
    private static double[] learningRate(LayerConfig c, boolean keras3, double fallback) {
        // Keras 2.0/2.1 wrote "lr"; 2.3 and 3 write "learning_rate".
        String key = c.has("learning_rate") || !c.has("lr") ? "learning_rate" : "lr";
        Object v = c.raw(key);
        if (v == null) {
            return new double[] {fallback, 0};
        }
        if (v instanceof Number n) {
            return new double[] {n.doubleValue(), 0};
        }
        if (keras3 && v instanceof Map<?, ?> m && "InverseTimeDecay".equals(m.get("class_name"))
                && m.get("config") instanceof Map<?, ?> raw) {
            @SuppressWarnings("unchecked")
            LayerConfig s = new LayerConfig(c.layer() + ".learning_rate", (Map<String, @Nullable Object>) raw);
            if (s.bool("staircase", false)) {
                throw s.error("staircase", "only a continuous decay (staircase=false) is supported");
            }
            double initial = s.doubleValue("initial_learning_rate", fallback);
            double perStep = s.doubleValue("decay_rate", 0) / s.doubleValue("decay_steps", 1);
            s.raw("name");
            s.requireAllRead();
            return new double[] {initial, perStep};
        }
        throw c.error(key, "expected a number" + (keras3 ? " or an InverseTimeDecay schedule" : ""));
    }

    private static <B extends BaseOptimizer.Builder<B>> B common(LayerConfig c, double lr, boolean keras3, B b) {
        b.learningRate(lr);
        // Keras 2's clipnorm is a global norm, which Keras 3 calls global_clipnorm; Keras 3's clipnorm
        // clips each gradient by its own norm.
        if (keras3 && c.raw("clipnorm") != null) {
            throw c.error("clipnorm", "Keras 3's per-variable clipnorm is not supported (global_clipnorm is)");
        }
        if (c.raw(keras3 ? "global_clipnorm" : "clipnorm") instanceof Number n) {
            b.clipnorm(n.doubleValue());
        }
        if (c.raw("clipvalue") instanceof Number n) {
            b.clipvalue(n.doubleValue());
        }
        return b;
    }

    private static <B extends BaseOptimizer.AdaptiveBuilder<B>> B adaptive(LayerConfig c, double lr, boolean keras3,
            double decay, B b) {
        return common(c, lr, keras3, b).decay(decay).epsilon(c.doubleValue("epsilon", 1e-7));
    }
}
