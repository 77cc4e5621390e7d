package io.kerflux.core.losses;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The crossentropy between integer class labels and predicted class probabilities along the last
 * axis: {@code −log p[label]}.
 *
 * <p>Keras equivalent: {@code keras.losses.SparseCategoricalCrossentropy(from_logits=False)}, the
 * loss object of the function {@code sparse_categorical_crossentropy}. Labels have the prediction
 * shape without its last axis, optionally with a trailing axis of 1: {@code (n,)} or {@code (n, 1)}
 * for predictions {@code (n, C)}, {@code (n, T)} or {@code (n, T, 1)} for {@code (n, T, C)}. As in
 * Keras' TensorFlow backend, probabilities are clipped to {@code [ε, 1 − ε]} ({@code ε = 1e-7}) and
 * then renormalised, i.e. the loss is {@code log Σc − log c[label]} for the clipped {@code c};
 * clipped entries get a zero gradient. With {@code fromLogits} the predictions are logits.
 */
public final class SparseCategoricalCrossentropy extends RowwiseLoss {
    private final boolean fromLogits;

    /** The loss named "sparse_categorical_crossentropy" on probabilities. */
    public SparseCategoricalCrossentropy() {
        this(builder());
    }

    private SparseCategoricalCrossentropy(Builder b) {
        super(b.builtName(), b.builtReduction());
        this.fromLogits = b.fromLogits;
    }

    /**
     * Starts a builder for {@code fromLogits}, {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether predictions are logits rather than probabilities.
     *
     * @return from_logits
     */
    public boolean fromLogits() {
        return fromLogits;
    }

    /**
     * The labels as one-hot rows in the predictions' dtype, so the rest is row-wise math.
     *
     * @throws IllegalArgumentException if the label shape does not match, or a label is not an
     *     integer in {@code [0, C)}
     */
    @Override
    INDArray targetRows(INDArray yTrue, INDArray yPred) {
        long[] ps = yPred.shape();
        long[] labelShape = LossMath.leading(ps);
        long[] withUnitAxis = Arrays.copyOf(labelShape, ps.length);
        withUnitAxis[ps.length - 1] = 1;
        if (!Arrays.equals(yTrue.shape(), labelShape) && !Arrays.equals(yTrue.shape(), withUnitAxis)) {
            throw new IllegalArgumentException("Loss " + name() + " expects integer labels of shape "
                    + LossMath.shape(labelShape) + " or " + LossMath.shape(withUnitAxis) + " for y_pred of shape "
                    + LossMath.shape(ps) + ". Received: y_true with shape " + LossMath.shape(yTrue.shape()));
        }
        long classes = ps[ps.length - 1];
        double[] labels = yTrue.castTo(DataType.DOUBLE).reshape('c', new long[] {yTrue.length()}).toDoubleVector();
        INDArray oneHot = Nd4j.zeros(yPred.dataType(), labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            double label = labels[i];
            if (!(label >= 0 && label < classes) || label != Math.rint(label)) {
                throw new IllegalArgumentException("Loss " + name() + ": labels must be integers in [0, " + classes
                        + ") for " + classes + " classes. Received: label " + format(label) + " at flat index " + i);
            }
            oneHot.putScalar(i, (long) label, 1.0);
        }
        return oneHot;
    }

    @Override
    INDArray rowValues(INDArray oneHot, INDArray p) {
        INDArray logP;
        if (fromLogits) {
            logP = LossMath.logSoftmax(p);
        } else {
            INDArray c = clipped(p);
            INDArray logSum = Transforms.log(c.sum(true, 1), false);
            logP = Transforms.log(c, false).subiColumnVector(logSum);
        }
        return oneHot.mul(logP).sum(1).negi();
    }

    @Override
    INDArray rowGradients(INDArray oneHot, INDArray p) {
        if (fromLogits) {
            return Transforms.exp(LossMath.logSoftmax(p), false).subi(oneHot);
        }
        // L = log Σc − log c[label], so dL/dc = 1/Σc − onehot/c, passed through where c = p
        INDArray c = clipped(p);
        INDArray g = oneHot.div(c).negi().addiColumnVector(Transforms.pow(c.sum(true, 1), -1, false));
        return g.muli(LossMath.inside(p, LossMath.EPSILON, 1 - LossMath.EPSILON));
    }

    private static String format(double label) {
        boolean integral = label == Math.rint(label) && !Double.isInfinite(label);
        return integral ? Long.toString((long) label) : Double.toString(label);
    }

    private static INDArray clipped(INDArray p) {
        return Transforms.min(Transforms.max(p, LossMath.EPSILON, true), 1 - LossMath.EPSILON, false);
    }

    /** Builds a {@link SparseCategoricalCrossentropy} loss. */
    public static final class Builder extends LossFunction.Builder<Builder, SparseCategoricalCrossentropy> {
        private boolean fromLogits;

        private Builder() {
            super("sparse_categorical_crossentropy");
        }

        /**
         * Sets whether predictions are logits.
         *
         * @param fromLogits true for logits, false (default) for probabilities
         * @return this builder
         */
        public Builder fromLogits(boolean fromLogits) {
            this.fromLogits = fromLogits;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public SparseCategoricalCrossentropy build() {
            return new SparseCategoricalCrossentropy(this);
        }
    }
}
