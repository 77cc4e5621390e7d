package io.kerflux.core.io;

import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.constraints.Constraints;
import io.kerflux.core.constraints.MaxNorm;
import io.kerflux.core.constraints.MinMaxNorm;
import io.kerflux.core.constraints.NonNeg;
import io.kerflux.core.constraints.UnitNorm;
import io.kerflux.core.initializers.Constant;
import io.kerflux.core.initializers.GlorotNormal;
import io.kerflux.core.initializers.GlorotUniform;
import io.kerflux.core.initializers.HeNormal;
import io.kerflux.core.initializers.HeUniform;
import io.kerflux.core.initializers.Identity;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.initializers.Initializers;
import io.kerflux.core.initializers.LecunNormal;
import io.kerflux.core.initializers.LecunUniform;
import io.kerflux.core.initializers.Ones;
import io.kerflux.core.initializers.Orthogonal;
import io.kerflux.core.initializers.RandomNormal;
import io.kerflux.core.initializers.RandomUniform;
import io.kerflux.core.initializers.TruncatedNormal;
import io.kerflux.core.initializers.VarianceScaling;
import io.kerflux.core.initializers.Zeros;
import io.kerflux.core.regularizers.L1L2;
import io.kerflux.core.regularizers.Regularizer;
import io.kerflux.core.regularizers.Regularizers;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Deserializes the objects nested in layer configs (initializers, regularizers, constraints),
 * Keras' {@code initializers.deserialize} and friends.
 */
final class KerasObjects {
    private KerasObjects() { }

    static Initializer initializer(LayerConfig c, String key, String fallback) {
        Object v = c.object(key);
        if (v == null) {
            return Initializers.get(fallback);
        }
        if (v instanceof String s) {
            return Initializers.get(s);
        }
        LayerConfig o = nested(c, key, v);
        String cls = className(c, key, v);
        Long seed = seed(o);
        Initializer init = switch (cls) {
            case "Zeros" -> new Zeros();
            case "Ones" -> new Ones();
            case "Constant" -> new Constant(o.doubleValue("value", 0));
            case "Identity" -> new Identity(o.doubleValue("gain", 1));
            case "Orthogonal" -> new Orthogonal(o.doubleValue("gain", 1), seed);
            case "GlorotUniform" -> new GlorotUniform(seed);
            case "GlorotNormal" -> new GlorotNormal(seed);
            case "HeUniform" -> new HeUniform(seed);
            case "HeNormal" -> new HeNormal(seed);
            case "LecunUniform" -> new LecunUniform(seed);
            case "LecunNormal" -> new LecunNormal(seed);
            case "RandomNormal" -> RandomNormal.builder().mean(o.doubleValue("mean", 0))
                    .stddev(o.doubleValue("stddev", 0.05)).seed(seed).build();
            case "RandomUniform" -> RandomUniform.builder().minval(o.doubleValue("minval", -0.05))
                    .maxval(o.doubleValue("maxval", 0.05)).seed(seed).build();
            case "TruncatedNormal" -> TruncatedNormal.builder().mean(o.doubleValue("mean", 0))
                    .stddev(o.doubleValue("stddev", 0.05)).seed(seed).build();
            case "VarianceScaling" -> VarianceScaling.builder().scale(o.doubleValue("scale", 1))
                    .mode(o.string("mode", "fan_in"))
                    .distribution(o.string("distribution", "normal")).seed(seed).build();
            default -> throw c.error(key, "unknown initializer class_name " + cls);
        };
        o.requireAllRead();
        return init;
    }

    static @Nullable Regularizer regularizer(LayerConfig c, String key) {
        Object v = c.object(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return Regularizers.get(s);
        }
        LayerConfig o = nested(c, key, v);
        String cls = className(c, key, v);
        Regularizer r = switch (cls) {
            case "L1L2" -> new L1L2(o.doubleValue("l1", 0), o.doubleValue("l2", 0));
            case "L1" -> new L1L2(o.doubleValue("l1", Regularizers.DEFAULT_FACTOR), 0);
            case "L2" -> new L1L2(0, o.doubleValue("l2", Regularizers.DEFAULT_FACTOR));
            default -> throw c.error(key, "unknown regularizer class_name " + cls);
        };
        o.requireAllRead();
        return r;
    }

    static @Nullable Constraint constraint(LayerConfig c, String key) {
        Object v = c.object(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return Constraints.get(s);
        }
        LayerConfig o = nested(c, key, v);
        String cls = className(c, key, v);
        Constraint k = switch (cls) {
            case "MaxNorm" -> new MaxNorm(o.doubleValue("max_value", 2), o.ints("axis", 1, new int[] {0}));
            case "NonNeg" -> new NonNeg();
            case "UnitNorm" -> new UnitNorm(o.ints("axis", 1, new int[] {0}));
            case "MinMaxNorm" -> MinMaxNorm.builder().minValue(o.doubleValue("min_value", 0))
                    .maxValue(o.doubleValue("max_value", 1)).rate(o.doubleValue("rate", 1))
                    .axis(o.ints("axis", 1, new int[] {0})).build();
            default -> throw c.error(key, "unknown constraint class_name " + cls);
        };
        o.requireAllRead();
        return k;
    }

    private static @Nullable Long seed(LayerConfig o) {
        Object s = o.raw("seed");
        if (s == null) {
            return null;
        }
        if (s instanceof Number n) {
            return n.longValue();
        }
        throw o.error("seed", "expected an integer or null");
    }

    private static String className(LayerConfig c, String key, Object v) {
        Object cls = ((Map<?, ?>) v).get("class_name");
        if (!(cls instanceof String s)) {
            throw c.error(key, "the object has no class_name");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static LayerConfig nested(LayerConfig c, String key, Object v) {
        Object config = ((Map<?, ?>) v).get("config");
        if (!(config == null || config instanceof Map<?, ?>)) {
            throw c.error(key, "config must be an object");
        }
        return new LayerConfig(c.layer() + "." + key, config == null ? Map.of() : (Map<String, @Nullable Object>) config);
    }
}
