package io.kerflux.core.io;

import io.kerflux.core.layers.Activation;
import io.kerflux.core.layers.AveragePooling1D;
import io.kerflux.core.layers.AveragePooling2D;
import io.kerflux.core.layers.BatchNormalization;
import io.kerflux.core.layers.Bidirectional;
import io.kerflux.core.layers.Conv1D;
import io.kerflux.core.layers.Conv2D;
import io.kerflux.core.layers.Cropping1D;
import io.kerflux.core.layers.Cropping2D;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Dropout;
import io.kerflux.core.layers.Embedding;
import io.kerflux.core.layers.Flatten;
import io.kerflux.core.layers.GRU;
import io.kerflux.core.layers.GatedRecurrentBuilder;
import io.kerflux.core.layers.GlobalAveragePooling1D;
import io.kerflux.core.layers.GlobalAveragePooling2D;
import io.kerflux.core.layers.GlobalMaxPooling1D;
import io.kerflux.core.layers.GlobalMaxPooling2D;
import io.kerflux.core.layers.KernelLayerBuilder;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.layers.Layer;
import io.kerflux.core.layers.LeakyReLU;
import io.kerflux.core.layers.Masking;
import io.kerflux.core.layers.MaxPooling1D;
import io.kerflux.core.layers.MaxPooling2D;
import io.kerflux.core.layers.Pooling;
import io.kerflux.core.layers.RecurrentBuilder;
import io.kerflux.core.layers.Reshape;
import io.kerflux.core.layers.SeparableConv2D;
import io.kerflux.core.layers.SimpleRNN;
import io.kerflux.core.layers.TimeDistributed;
import io.kerflux.core.layers.UpSampling1D;
import io.kerflux.core.layers.UpSampling2D;
import io.kerflux.core.layers.ZeroPadding1D;
import io.kerflux.core.layers.ZeroPadding2D;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The registry from a Keras layer {@code class_name} to a factory that reads the layer's config and
 * calls its public builder (Keras' {@code layers.deserialize}).
 */
final class LayerFactories {
    private static final Map<String, Function<LayerConfig, Layer>> FACTORIES = registry();

    private LayerFactories() { }

    /** @return the class names that can be loaded */
    static java.util.Set<String> classNames() {
        return FACTORIES.keySet();
    }

    /**
     * Creates a layer from {@code {"class_name", "config"}}, without the per-model keys (input
     * shape, dtype), which the caller reads from the returned config.
     *
     * @param className the Keras class name
     * @param config the layer's config
     * @return the layer
     * @throws IllegalArgumentException for an unknown class or an unsupported key or value
     */
    static Layer create(String className, LayerConfig config) {
        Function<LayerConfig, Layer> f = FACTORIES.get(className);
        if (f == null) {
            throw new IllegalArgumentException("Layer " + config.layer() + ": unknown layer class_name \""
                    + className + "\". Supported: " + FACTORIES.keySet());
        }
        Layer layer = f.apply(config);
        String name = config.string("name", null);
        if (name != null) {
            layer.name(name);
        }
        layer.trainable(config.bool("trainable", true));
        return layer;
    }

    private static Map<String, Function<LayerConfig, Layer>> registry() {
        Map<String, Function<LayerConfig, Layer>> m = new TreeMap<>();
        m.put("Dense", LayerFactories::dense);
        m.put("Activation", c -> new Activation(activation(c, "activation")));
        m.put("LeakyReLU", c -> new LeakyReLU(c.has("negative_slope")
                ? c.doubleValue("negative_slope", 0.3) : c.doubleValue("alpha", 0.3)));
        m.put("Dropout", LayerFactories::dropout);
        m.put("Flatten", c -> new Flatten(c.string("data_format", null)));
        m.put("Reshape", c -> new Reshape(longs(c.ints("target_shape", 0, new int[0]))));
        m.put("Masking", c -> new Masking(c.doubleValue("mask_value", 0)));
        m.put("Conv1D", LayerFactories::conv1d);
        m.put("Conv2D", LayerFactories::conv2d);
        m.put("SeparableConv2D", LayerFactories::separableConv2d);
        m.put("MaxPooling1D", c -> pooling(MaxPooling1D.builder(), c, 1).build());
        m.put("MaxPooling2D", c -> pooling(MaxPooling2D.builder(), c, 2).build());
        m.put("AveragePooling1D", c -> pooling(AveragePooling1D.builder(), c, 1).build());
        m.put("AveragePooling2D", c -> pooling(AveragePooling2D.builder(), c, 2).build());
        m.put("GlobalMaxPooling1D", c -> new GlobalMaxPooling1D(globalFormat(c)));
        m.put("GlobalMaxPooling2D", c -> new GlobalMaxPooling2D(globalFormat(c)));
        m.put("GlobalAveragePooling1D", c -> new GlobalAveragePooling1D(globalFormat(c)));
        m.put("GlobalAveragePooling2D", c -> new GlobalAveragePooling2D(globalFormat(c)));
        m.put("ZeroPadding1D", c -> {
            // Keras 3 added data_format; this library pads the steps axis of channels_last input
            String format = c.string("data_format", "channels_last");
            if (!"channels_last".equals(format)) {
                throw c.error("data_format", "only channels_last is supported");
            }
            return ZeroPadding1D.builder().padding(c.ints("padding", 2, new int[] {1, 1})).build();
        });
        m.put("ZeroPadding2D", c -> ZeroPadding2D.builder().padding(pairs(c, "padding", 1))
                .dataFormat(c.string("data_format", null)).build());
        m.put("Cropping1D", c -> Cropping1D.builder().cropping(c.ints("cropping", 2, new int[] {1, 1})).build());
        m.put("Cropping2D", c -> Cropping2D.builder().cropping(pairs(c, "cropping", 0))
                .dataFormat(c.string("data_format", null)).build());
        m.put("UpSampling1D", c -> UpSampling1D.builder().size(c.intValue("size", 2)).build());
        m.put("UpSampling2D", c -> UpSampling2D.builder().size(c.ints("size", 2, new int[] {2, 2}))
                .dataFormat(c.string("data_format", null))
                .interpolation(c.string("interpolation", "nearest")).build());
        m.put("BatchNormalization", LayerFactories::batchNormalization);
        m.put("Embedding", LayerFactories::embedding);
        m.put("SimpleRNN", LayerFactories::simpleRnn);
        m.put("LSTM", LayerFactories::lstm);
        m.put("GRU", LayerFactories::gru);
        m.put("Bidirectional", LayerFactories::bidirectional);
        m.put("TimeDistributed", c -> TimeDistributed.builder(nested(c, "layer")).build());
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Layer dense(LayerConfig c) {
        return kernelArguments(Dense.builder(c.requiredInt("units")), c).build();
    }

    /** The arguments Dense, Conv1D, Conv2D and the recurrent layers share (Keras' kernel layers). */
    private static <B extends KernelLayerBuilder<B>> B kernelArguments(B b, LayerConfig c) {
        return b.activation(activation(c, "activation"))
                .useBias(c.bool("use_bias", true))
                .kernelInitializer(KerasObjects.initializer(c, "kernel_initializer", "glorot_uniform"))
                .biasInitializer(KerasObjects.initializer(c, "bias_initializer", "zeros"))
                .kernelRegularizer(KerasObjects.regularizer(c, "kernel_regularizer"))
                .biasRegularizer(KerasObjects.regularizer(c, "bias_regularizer"))
                .activityRegularizer(KerasObjects.regularizer(c, "activity_regularizer"))
                .kernelConstraint(KerasObjects.constraint(c, "kernel_constraint"))
                .biasConstraint(KerasObjects.constraint(c, "bias_constraint"));
    }

    private static Layer dropout(LayerConfig c) {
        Object ns = c.raw("noise_shape");
        long @Nullable [] noise = null;
        if (ns instanceof List<?> l) {
            noise = new long[l.size()];
            for (int i = 0; i < noise.length; i++) {
                Object d = l.get(i);
                noise[i] = d == null ? Dropout.SAME_AS_INPUT : ((Number) d).longValue();
            }
        } else if (ns != null) {
            throw c.error("noise_shape", "expected a list or null");
        }
        Object seed = c.raw("seed");
        return Dropout.builder(c.doubleValue("rate", 0)).noiseShape(noise)
                .seed(seed == null ? null : ((Number) seed).longValue()).build();
    }

    private static Layer conv1d(LayerConfig c) {
        return kernelArguments(Conv1D.builder(c.requiredInt("filters"), c.intValue("kernel_size", 0)), c)
                .strides(c.intValue("strides", 1))
                .padding(c.string("padding", "valid"))
                .dataFormat(c.string("data_format", null))
                .dilationRate(c.intValue("dilation_rate", 1))
                .build();
    }

    private static Layer conv2d(LayerConfig c) {
        return kernelArguments(Conv2D.builder(c.requiredInt("filters"), c.ints("kernel_size", 2, new int[0])), c)
                .strides(c.ints("strides", 2, new int[] {1, 1}))
                .padding(c.string("padding", "valid"))
                .dataFormat(c.string("data_format", null))
                .dilationRate(c.ints("dilation_rate", 2, new int[] {1, 1}))
                .build();
    }

    private static Layer separableConv2d(LayerConfig c) {
        return SeparableConv2D.builder(c.requiredInt("filters"), c.ints("kernel_size", 2, new int[0]))
                .strides(c.ints("strides", 2, new int[] {1, 1}))
                .padding(c.string("padding", "valid"))
                .dataFormat(c.string("data_format", null))
                .dilationRate(c.ints("dilation_rate", 2, new int[] {1, 1}))
                .depthMultiplier(c.intValue("depth_multiplier", 1))
                .activation(activation(c, "activation"))
                .useBias(c.bool("use_bias", true))
                .depthwiseInitializer(KerasObjects.initializer(c, "depthwise_initializer", "glorot_uniform"))
                .pointwiseInitializer(KerasObjects.initializer(c, "pointwise_initializer", "glorot_uniform"))
                .biasInitializer(KerasObjects.initializer(c, "bias_initializer", "zeros"))
                .depthwiseRegularizer(KerasObjects.regularizer(c, "depthwise_regularizer"))
                .pointwiseRegularizer(KerasObjects.regularizer(c, "pointwise_regularizer"))
                .biasRegularizer(KerasObjects.regularizer(c, "bias_regularizer"))
                .activityRegularizer(KerasObjects.regularizer(c, "activity_regularizer"))
                .depthwiseConstraint(KerasObjects.constraint(c, "depthwise_constraint"))
                .pointwiseConstraint(KerasObjects.constraint(c, "pointwise_constraint"))
                .biasConstraint(KerasObjects.constraint(c, "bias_constraint"))
                .build();
    }

    /** The pooling arguments; strides=None means the pool size, as in Keras. */
    private static <B extends Pooling.Builder<B>> B pooling(B b, LayerConfig c, int rank) {
        int[] pool = c.ints("pool_size", rank, rank == 1 ? new int[] {2} : new int[] {2, 2});
        return b.poolSize(pool).strides(c.ints("strides", rank, pool)).padding(orValid(c.string("padding", "valid")))
                .dataFormat(c.string("data_format", null));
    }

    private static String orValid(@Nullable String padding) {
        return padding == null ? "valid" : padding;
    }

    private static @Nullable String globalFormat(LayerConfig c) {
        if (c.has("keepdims") && c.bool("keepdims", false)) {
            throw c.error("keepdims", "keepdims=True is not supported");
        }
        return c.string("data_format", null);
    }

    private static Layer batchNormalization(LayerConfig c) {
        return BatchNormalization.builder()
                .axis(c.intValue("axis", -1))
                .momentum(c.doubleValue("momentum", 0.99))
                .epsilon(c.doubleValue("epsilon", 1e-3))
                .center(c.bool("center", true))
                .scale(c.bool("scale", true))
                .betaInitializer(KerasObjects.initializer(c, "beta_initializer", "zeros"))
                .gammaInitializer(KerasObjects.initializer(c, "gamma_initializer", "ones"))
                .movingMeanInitializer(KerasObjects.initializer(c, "moving_mean_initializer", "zeros"))
                .movingVarianceInitializer(KerasObjects.initializer(c, "moving_variance_initializer", "ones"))
                .betaRegularizer(KerasObjects.regularizer(c, "beta_regularizer"))
                .gammaRegularizer(KerasObjects.regularizer(c, "gamma_regularizer"))
                .betaConstraint(KerasObjects.constraint(c, "beta_constraint"))
                .gammaConstraint(KerasObjects.constraint(c, "gamma_constraint"))
                .build();
    }

    private static Layer embedding(LayerConfig c) {
        return Embedding.builder(c.requiredInt("input_dim"), c.requiredInt("output_dim"))
                .embeddingsInitializer(KerasObjects.initializer(c, "embeddings_initializer", "uniform"))
                .embeddingsRegularizer(KerasObjects.regularizer(c, "embeddings_regularizer"))
                .activityRegularizer(KerasObjects.regularizer(c, "activity_regularizer"))
                .embeddingsConstraint(KerasObjects.constraint(c, "embeddings_constraint"))
                .maskZero(c.bool("mask_zero", false))
                .inputLength(c.optionalInt("input_length"))
                .build();
    }

    /** The arguments of every recurrent layer ({@code RNN} plus its cell's), on top of the kernel layers' ones. */
    private static <B extends RecurrentBuilder<B>> B recurrentArguments(B b, LayerConfig c) {
        if (c.bool("return_state", false)) {
            throw c.error("return_state", "return_state=True gives several outputs, which a Sequential model cannot use");
        }
        return kernelArguments(b, c)
                .recurrentInitializer(KerasObjects.initializer(c, "recurrent_initializer", "orthogonal"))
                .recurrentRegularizer(KerasObjects.regularizer(c, "recurrent_regularizer"))
                .recurrentConstraint(KerasObjects.constraint(c, "recurrent_constraint"))
                .dropout(c.doubleValue("dropout", 0))
                .recurrentDropout(c.doubleValue("recurrent_dropout", 0))
                .returnSequences(c.bool("return_sequences", false))
                .goBackwards(c.bool("go_backwards", false))
                .stateful(c.bool("stateful", false))
                .unroll(c.bool("unroll", false));
    }

    /** LSTM's and GRU's arguments on top of the recurrent ones. */
    private static <B extends GatedRecurrentBuilder<B>> B gatedArguments(B b, LayerConfig c) {
        B gated = recurrentArguments(b, c).recurrentActivation(activation(c, "recurrent_activation"));
        return c.has("implementation") ? gated.implementation(implementation(c)) : gated;
    }

    private static Layer simpleRnn(LayerConfig c) {
        return recurrentArguments(SimpleRNN.builder(c.requiredInt("units")), c).build();
    }

    private static Layer lstm(LayerConfig c) {
        return gatedArguments(LSTM.builder(c.requiredInt("units")), c)
                .unitForgetBias(c.bool("unit_forget_bias", true)).build();
    }

    private static Layer gru(LayerConfig c) {
        return gatedArguments(GRU.builder(c.requiredInt("units")), c).resetAfter(c.bool("reset_after", false)).build();
    }

    /**
     * Keras 2.0's implementation 0 computes the same function as 1 (Keras 2.1 folded it into 1), so
     * it is read as 1.
     */
    private static int implementation(LayerConfig c) {
        int value = c.intValue("implementation", 1);
        return value == 0 ? 1 : value;
    }

    private static Layer bidirectional(LayerConfig c) {
        Layer forward = nested(c, "layer");
        if (c.has("backward_layer")) {
            Layer backward = nested(c, "backward_layer");
            // Keras 3 always writes the backward copy; only the mirror image of the forward layer is supported.
            Map<String, Object> f = new java.util.LinkedHashMap<>(forward.getConfig());
            Map<String, Object> b = new java.util.LinkedHashMap<>(backward.getConfig());
            f.remove("name");
            b.remove("name");
            f.put("go_backwards", !Boolean.TRUE.equals(f.get("go_backwards")));
            if (!f.equals(b)) {
                throw c.error("backward_layer", "a backward layer that is not the mirror of \"layer\" is not supported");
            }
        }
        return Bidirectional.builder(forward).mergeMode(c.string("merge_mode", "concat")).build();
    }

    /** Reads a nested {@code {"class_name", "config"}} layer (the wrapped layer of a wrapper). */
    @SuppressWarnings("unchecked")
    private static Layer nested(LayerConfig c, String key) {
        Object v = c.raw(key);
        if (!(v instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String cls)
                || !(m.get("config") instanceof Map<?, ?> cfg)) {
            throw c.error(key, "expected a {\"class_name\", \"config\"} layer object");
        }
        LayerConfig inner = new LayerConfig(c.layer() + "." + key, (Map<String, @Nullable Object>) cfg);
        inner.raw("dtype");
        inner.raw("batch_input_shape");
        Layer layer = create(cls, inner);
        inner.requireAllRead();
        return layer;
    }

    static io.kerflux.core.activations.Activation activation(LayerConfig c, String key) {
        String name = c.string(key, "linear");
        try {
            return io.kerflux.core.activations.Activations.get(name);
        } catch (IllegalArgumentException e) {
            throw c.error(key, e.getMessage());
        }
    }

    private static int[][] pairs(LayerConfig c, String key, int fallback) {
        Object v = c.raw(key);
        if (v == null) {
            return new int[][] {{fallback, fallback}, {fallback, fallback}};
        }
        if (v instanceof Number n) {
            int p = n.intValue();
            return new int[][] {{p, p}, {p, p}};
        }
        if (v instanceof List<?> l && l.size() == 2) {
            int[][] out = new int[2][];
            for (int i = 0; i < 2; i++) {
                Object e = l.get(i);
                if (e instanceof Number n) {
                    out[i] = new int[] {n.intValue(), n.intValue()};
                } else if (e instanceof List<?> p && p.size() == 2 && p.get(0) instanceof Number a
                        && p.get(1) instanceof Number b) {
                    out[i] = new int[] {a.intValue(), b.intValue()};
                } else {
                    throw c.error(key, "expected an int, a pair of ints or a pair of pairs");
                }
            }
            return out;
        }
        throw c.error(key, "expected an int, a pair of ints or a pair of pairs");
    }

    private static long[] longs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
