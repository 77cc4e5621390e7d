package io.kerflux.core.models;

import io.kerflux.core.losses.Loss;
import io.kerflux.core.losses.Losses;
import io.kerflux.core.metrics.Metric;
import io.kerflux.core.metrics.Metrics;
import io.kerflux.core.optimizers.Optimizer;
import io.kerflux.core.optimizers.Optimizers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code compile} resolved: optimizer, loss, loss weight, sample-weight mode and the metrics
 * with their names. Metric identifiers such as "accuracy" depend on the output shape (§2.1), so
 * they are resolved on first use, once the model is built.
 */
final class Compiled {
    private static final String LOSSES_PACKAGE = Loss.class.getPackageName();

    final Optimizer optimizer;
    final Loss loss;
    /** Built-in losses get Keras' target shape checks; custom ones do not. */
    final boolean builtInLoss;
    final double lossWeight;
    final boolean temporal;
    private final List<String> metricsNames;
    private final List<Object> metricSpecs;
    private final List<Boolean> weighted;
    private @Nullable List<Metric> metrics;

    private Compiled(Optimizer optimizer, Loss loss, boolean builtInLoss, double lossWeight, boolean temporal,
            List<String> metricsNames, List<Object> metricSpecs, List<Boolean> weighted) {
        this.optimizer = optimizer;
        this.loss = loss;
        this.builtInLoss = builtInLoss;
        this.lossWeight = lossWeight;
        this.temporal = temporal;
        this.metricsNames = Collections.unmodifiableList(metricsNames);
        this.metricSpecs = metricSpecs;
        this.weighted = weighted;
    }

    static Compiled of(CompileOptions o, String outputName) {
        if (o.targetTensors() != null) {
            throw new IllegalArgumentException("target_tensors is not supported: Kerflux feeds targets as arrays or "
                    + "batches, never as pre-built graph tensors. Received: target_tensors=" + o.targetTensors()
                    + ". Pass the targets to fit / train_on_batch instead.");
        }
        Optimizer optimizer;
        if (o.optimizer() instanceof String s) {
            optimizer = Optimizers.get(s);
        } else if (o.optimizer() instanceof Optimizer opt) {
            optimizer = opt;
        } else {
            throw new IllegalArgumentException("Could not interpret optimizer identifier: "
                    + o.optimizer() + " (expected a name such as \"adam\" or an Optimizer)");
        }
        Object lossSpec = unwrapPerOutput("loss", o.loss(), outputName);
        Loss loss;
        if (lossSpec instanceof String s) {
            loss = Losses.get(s);
        } else if (lossSpec instanceof Loss l) {
            loss = l;
        } else {
            throw new IllegalArgumentException("Could not interpret loss identifier: " + lossSpec
                    + " (expected a name such as \"mse\" or a Loss)");
        }
        boolean builtIn = lossSpec instanceof String || loss.getClass().getPackageName().equals(LOSSES_PACKAGE);
        double lossWeight = 1.0;
        if (o.lossWeights() != null) {
            Object w = unwrapPerOutput("loss_weights", o.lossWeights(), outputName);
            if (!(w instanceof Number n)) {
                throw new IllegalArgumentException("loss_weights must hold numbers. Received: " + w);
            }
            lossWeight = n.doubleValue();
        }
        String mode = o.sampleWeightMode();
        if (mode != null && !mode.equals("temporal")) {
            throw new IllegalArgumentException("sample_weight_mode must be None or \"temporal\". Received: sample_weight_mode="
                    + mode);
        }
        List<String> names = new ArrayList<>(List.of("loss"));
        List<Object> specs = new ArrayList<>();
        List<Boolean> weightedFlags = new ArrayList<>();
        addMetrics(o.metrics(), false, names, specs, weightedFlags);
        addMetrics(o.weightedMetrics(), true, names, specs, weightedFlags);
        return new Compiled(optimizer, loss, builtIn, lossWeight, mode != null, names, specs, weightedFlags);
    }

    /** Sequential has one output: a list must have one entry, a map must key the output layer. */
    private static Object unwrapPerOutput(String arg, Object value, String outputName) {
        if (value instanceof List<?> list) {
            if (list.size() != 1) {
                throw new IllegalArgumentException("When passing a list as " + arg + ", it should have one entry per "
                        + "model output. The model has 1 output, but you passed " + arg + "=" + list);
            }
            return list.get(0);
        }
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!outputName.equals(key)) {
                    throw new IllegalArgumentException("Unknown entry in " + arg + " dictionary: \"" + key
                            + "\". Only expected the following keys: [" + outputName + "]");
                }
            }
            Object v = map.get(outputName);
            if (v == null) {
                throw new IllegalArgumentException(arg + " dictionary must have an entry for output \"" + outputName
                        + "\". Received: " + map);
            }
            return v;
        }
        return value;
    }

    private static void addMetrics(List<Object> given, boolean isWeighted, List<String> names, List<Object> specs,
            List<Boolean> weightedFlags) {
        for (Object m : given) {
            String base;
            if (m instanceof String s) {
                base = s;
            } else if (m instanceof Metric metric) {
                base = metric.name();
            } else {
                throw new IllegalArgumentException("Could not interpret metric identifier: " + m
                        + " (expected a name such as \"accuracy\" or a Metric)");
            }
            if (m instanceof String s) {
                // Fail at compile time for unknown names, as Keras does; resolution itself waits for the output shape.
                Metrics.resolve(s, null, 2);
            }
            String name = base;
            for (int j = 1; names.contains(name); j++) {
                name = base + "_" + j;
            }
            names.add(name);
            specs.add(m);
            weightedFlags.add(isWeighted);
        }
    }

    List<String> metricsNames() {
        return metricsNames;
    }

    /** The metrics in metricsNames order (without "loss"), resolved for the output's last dimension. */
    List<Metric> metrics(long outputLastDim) {
        if (metrics == null) {
            List<Metric> resolved = new ArrayList<>();
            for (Object spec : metricSpecs) {
                resolved.add(spec instanceof String s ? Metrics.resolve(s, loss.name(), outputLastDim) : (Metric) spec);
            }
            metrics = resolved;
        }
        return metrics;
    }

    boolean isWeighted(int metricIndex) {
        return weighted.get(metricIndex);
    }

    void resetMetrics() {
        if (metrics != null) {
            metrics.forEach(Metric::reset);
        }
    }
}
