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
    private TrainingConfigs() { }

    /** The training config of a compiled model, as Keras 2.3 writes it. */
    static Map<String, Object> of(Sequential model) {
        Optimizer opt = model.optimizer();
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("class_name", opt.className());
        optimizer.put("config", opt.getConfig());
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
     * @param config the parsed {@code training_config}
     * @param where the file, for messages
     * @throws IllegalArgumentException for an unsupported optimizer, loss or metric
     */
    static void compile(Sequential model, Map<String, @Nullable Object> config, String where) {
        LayerConfig c = new LayerConfig(where + " training_config", config);
        Object opt = c.raw("optimizer_config");
        if (!(opt instanceof Map<?, ?> om) || !(om.get("class_name") instanceof String cls)) {
            throw c.error("optimizer_config", "expected a {\"class_name\", \"config\"} object");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> oc = om.get("config") instanceof Map<?, ?> m
                ? (Map<String, @Nullable Object>) m : Map.of();
        Optimizer optimizer = optimizer(cls, new LayerConfig(where + " optimizer " + cls, oc));
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

    static Optimizer optimizer(String className, LayerConfig c) {
        Optimizer o = switch (className) {
            case "SGD" -> common(c, 0.01, SGD.builder().momentum(c.doubleValue("momentum", 0))
                    .nesterov(c.bool("nesterov", false)).decay(c.doubleValue("decay", 0))).build();
            case "RMSprop" -> adaptive(c, 0.001, RMSprop.builder().rho(c.doubleValue("rho", 0.9))).build();
            case "Adagrad" -> adaptive(c, 0.01, Adagrad.builder()).build();
            case "Adadelta" -> adaptive(c, 1.0, Adadelta.builder().rho(c.doubleValue("rho", 0.95))).build();
            case "Adam" -> adaptive(c, 0.001, Adam.builder().beta1(c.doubleValue("beta_1", 0.9))
                    .beta2(c.doubleValue("beta_2", 0.999)).amsgrad(c.bool("amsgrad", false))).build();
            case "Adamax" -> adaptive(c, 0.002, Adamax.builder().beta1(c.doubleValue("beta_1", 0.9))
                    .beta2(c.doubleValue("beta_2", 0.999))).build();
            case "Nadam" -> common(c, 0.002, Nadam.builder().beta1(c.doubleValue("beta_1", 0.9))
                    .beta2(c.doubleValue("beta_2", 0.999)).epsilon(c.doubleValue("epsilon", 1e-7))
                    .scheduleDecay(c.doubleValue("schedule_decay", 0.004))).build();
            default -> throw new IllegalArgumentException(c.layer() + ": unknown optimizer class_name \""
                    + className + "\"");
        };
        // Keras 3 options: bookkeeping is ignored, features this library lacks must be off.
        for (String ignored : List.of("name", "ema_momentum", "ema_overwrite_frequency", "jit_compile",
                "is_legacy_optimizer")) {
            c.raw(ignored);
        }
        for (String off : List.of("weight_decay", "global_clipnorm", "loss_scale_factor",
                "gradient_accumulation_steps", "use_ema")) {
            Object v = c.raw(off);
            if (v != null && !Boolean.FALSE.equals(v)) {
                throw c.error(off, "unsupported optimizer option");
            }
        }
        c.requireAllRead();
        return o;
    }

    private static <B extends BaseOptimizer.Builder<B>> B common(LayerConfig c, double defaultLr, B b) {
        // Keras 2.0/2.1 wrote "lr"; 2.3 writes "learning_rate".
        double lr = c.has("learning_rate") ? c.doubleValue("learning_rate", defaultLr) : c.doubleValue("lr", defaultLr);
        b.learningRate(lr);
        if (c.raw("clipnorm") instanceof Number n) {
            b.clipnorm(n.doubleValue());
        }
        if (c.raw("clipvalue") instanceof Number n) {
            b.clipvalue(n.doubleValue());
        }
        return b;
    }

    private static <B extends BaseOptimizer.AdaptiveBuilder<B>> B adaptive(LayerConfig c, double defaultLr, B b) {
        return common(c, defaultLr, b).decay(c.doubleValue("decay", 0)).epsilon(c.doubleValue("epsilon", 1e-7));
    }
}
