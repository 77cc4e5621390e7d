package io.kerflux.core.activations;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Resolves Keras activation identifiers and creates the parametrised activations.
 *
 * <p>Keras equivalent: {@code keras.activations.get} and the functions of {@code
 * keras.activations} (Keras 2.3): softmax, elu, selu, softplus, softsign, relu, tanh, sigmoid,
 * hard_sigmoid, exponential, linear. Names are case-sensitive, as in Keras. Every activation
 * returned here is stateless and thread-safe.
 */
public final class Activations {
    /** SELU's alpha (Klambauer et al., 2017), the constant Keras uses. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's scale (Klambauer et al., 2017), the constant Keras uses. */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private static final SortedMap<String, Activation> BUILT_IN = builtIns();

    private Activations() { }

    /**
     * The activation with a Keras name; null means "linear", as in Keras.
     *
     * @param name a Keras identifier ("relu", "softmax", …), or null
     * @return the activation, with Keras' default arguments
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Activation get(@Nullable String name) {
        Activation a = BUILT_IN.get(name == null ? "linear" : name);
        if (a == null) {
            throw new IllegalArgumentException(
                    "Unknown activation function: " + name + ". Known activations: " + BUILT_IN.keySet());
        }
        return a;
    }

    /**
     * The names {@link #get} accepts.
     *
     * @return the sorted Keras identifiers
     */
    public static SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(BUILT_IN.keySet()));
    }

    /**
     * A rectified linear unit with Keras' optional arguments; its name stays "relu".
     *
     * <p>Keras equivalent: {@code relu(x, alpha=0., max_value=None, threshold=0.)}: {@code f(x) =
     * max_value} for {@code x >= max_value}, {@code x} for {@code threshold < x < max_value} and
     * {@code alpha·(x − threshold)} otherwise (see the Keras 2.3 TensorFlow backend for the edge
     * cases, reproduced here).
     *
     * @param alpha slope below the threshold (0 in Keras' default)
     * @param maxValue saturation value, non-negative, or null for none
     * @param threshold the input value where the identity part starts
     * @return the activation
     * @throws IllegalArgumentException if an argument is not finite or maxValue is negative
     */
    public static Activation relu(double alpha, @Nullable Double maxValue, double threshold) {
        requireFinite("alpha", alpha);
        requireFinite("threshold", threshold);
        if (maxValue != null && !(maxValue >= 0.0 && maxValue < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "max_value of relu must be a non-negative number or None. Received: max_value=" + maxValue);
        }
        return new Relu(alpha, maxValue, threshold);
    }

    /**
     * An exponential linear unit with a custom alpha; its name stays "elu".
     *
     * <p>Keras equivalent: {@code elu(x, alpha=1.0)}: {@code x} for {@code x > 0}, {@code
     * alpha·(exp(x) − 1)} otherwise.
     *
     * @param alpha the negative saturation value
     * @return the activation
     * @throws IllegalArgumentException if alpha is not finite
     */
    public static Activation elu(double alpha) {
        requireFinite("alpha", alpha);
        return new Elu("elu", alpha, 1.0);
    }

    private static void requireFinite(String argument, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(argument + " must be a finite number. Received: " + argument + "=" + value);
        }
    }

    private static SortedMap<String, Activation> builtIns() {
        List<Activation> all = List.of(
                Softmax.INSTANCE,
                new Elu("elu", 1.0, 1.0),
                new Elu("selu", SELU_ALPHA, SELU_SCALE),
                new Pointwise("softplus", Activations::softplus,
                        (x, y, g) -> Transforms.sigmoid(x, true).muli(g)),
                new Pointwise("softsign", x -> x.div(Transforms.abs(x, true).addi(1.0)),
                        (x, y, g) -> {
                            INDArray d = Transforms.abs(x, true).addi(1.0);
                            return g.div(d.muli(d));
                        }),
                new Relu(0.0, null, 0.0),
                new Pointwise("tanh", x -> Transforms.tanh(x, true),
                        (x, y, g) -> y.mul(y).rsubi(1.0).muli(g)),
                new Pointwise("sigmoid", x -> Transforms.sigmoid(x, true), Activations::sigmoidBackward),
                new Pointwise("hard_sigmoid", Activations::hardSigmoid, Activations::hardSigmoidBackward),
                new Pointwise("exponential", x -> Transforms.exp(x, true), (x, y, g) -> y.mul(g)),
                new Pointwise("linear", INDArray::dup, (x, y, g) -> g.dup()));
        TreeMap<String, Activation> map = new TreeMap<>();
        for (Activation a : all) {
            map.put(a.name(), a);
        }
        return Collections.unmodifiableSortedMap(map);
    }

    /**
     * log(1 + exp(x)), written as max(x, 0) + log(1 + exp(−|x|)) so that it cannot overflow. ND4J's
     * log1p is a plain log(1 + u), which rounds tiny u away, so far below zero the result is exp(x),
     * with TensorFlow's cut-off log(machine epsilon) + 2.
     */
    private static INDArray softplus(INDArray x) {
        DataType dt = x.dataType();
        double cut = Math.log(machineEpsilon(dt)) + 2;
        INDArray out = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
        out.addi(Transforms.relu(x, true));
        INDArray tail = x.lt(cut).castTo(dt);
        INDArray tailValue = Transforms.exp(Transforms.min(x, cut, true), false).muli(tail);
        return out.muli(tail.rsubi(1.0)).addi(tailValue);
    }

    private static double machineEpsilon(DataType dt) {
        return switch (dt) {
            case DOUBLE -> Math.ulp(1.0);
            case HALF -> 0x1.0p-10;
            case BFLOAT16 -> 0x1.0p-7;
            default -> Math.ulp(1.0f);
        };
    }

    /** {@code g·σ(x)·(1 − σ(x))} in one native call ({@code sigmoid_bp}) instead of three passes. */
    private static INDArray sigmoidBackward(INDArray x, INDArray y, INDArray g) {
        INDArray out = Nd4j.createUninitialized(g.dataType(), g.shape(), g.ordering());
        Nd4j.exec(DynamicCustomOp.builder("sigmoid_bp").addInputs(x, g).addOutputs(out).build());
        return out;
    }

    /** Keras 2's piecewise-linear sigmoid: clip(0.2·x + 0.5, 0, 1). */
    private static INDArray hardSigmoid(INDArray x) {
        INDArray out = x.mul(0.2).addi(0.5);
        return Transforms.min(Transforms.max(out, 0.0, false), 1.0, false);
    }

    private static INDArray hardSigmoidBackward(INDArray x, INDArray y, INDArray g) {
        DataType dt = y.dataType();
        return y.gt(0.0).castTo(dt).muli(y.lt(1.0).castTo(dt)).muli(0.2).muli(g);
    }
}
