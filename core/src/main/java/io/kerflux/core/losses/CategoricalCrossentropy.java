package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The crossentropy between one-hot (or soft) targets and predicted class probabilities along the
 * last axis: {@code −Σ t·log p}.
 *
 * <p>Keras equivalent: {@code keras.losses.CategoricalCrossentropy(from_logits=False,
 * label_smoothing=0)}, the loss object of the function {@code categorical_crossentropy}. As in
 * Keras' TensorFlow backend, probabilities are first scaled to sum to 1 ({@code p/Σp}) and then
 * clipped to {@code [ε, 1 − ε]} with {@code ε = 1e-7}; clipped entries get a zero gradient. With
 * {@code fromLogits} the predictions are logits and {@code log p} is a log-softmax. Label smoothing
 * {@code s} replaces the targets with {@code t·(1 − s) + s/C}, {@code C} the size of the last axis
 * (Keras 2.3.1 takes {@code C} from axis 1, which differs only for temporal targets).
 */
public final class CategoricalCrossentropy extends RowwiseLoss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** The loss named "categorical_crossentropy" on probabilities, without label smoothing. */
    public CategoricalCrossentropy() {
        this(builder());
    }

    private CategoricalCrossentropy(Builder b) {
        super(b.builtName(), b.builtReduction());
        this.fromLogits = b.fromLogits;
        this.labelSmoothing = checkSmoothing(b.labelSmoothing);
    }

    /**
     * Starts a builder for {@code fromLogits}, {@code labelSmoothing}, {@code reduction} and {@code
     * name}.
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
     * The label smoothing factor.
     *
     * @return label_smoothing, in [0, 1]
     */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * Validates a label smoothing factor, which Keras documents as a float in [0, 1].
     *
     * @param s the factor
     * @return {@code s}
     * @throws IllegalArgumentException outside [0, 1]
     */
    static double checkSmoothing(double s) {
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException("label_smoothing must be in [0, 1]. Received: label_smoothing=" + s);
        }
        return s;
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        INDArray target = smoothed(t);
        if (!fromLogits && LossMath.small(p)) {
            return smallRowValues(target, p);
        }
        INDArray logP = fromLogits ? LossMath.logSoftmax(p) : Transforms.log(clipped(normalised(p)), false);
        return target.mul(logP).sum(1).negi();
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        INDArray target = smoothed(t);
        if (fromLogits) {
            // d/dz of −Σ t·log softmax(z) is softmax(z)·Σt − t; Σt is 1 only for proper distributions
            INDArray softmax = Transforms.exp(LossMath.logSoftmax(p), false);
            return softmax.muliColumnVector(target.sum(true, 1)).subi(target);
        }
        if (LossMath.small(p)) {
            return smallRowGradients(target, p);
        }
        INDArray sum = p.sum(true, 1);
        INDArray q = p.divColumnVector(sum);
        // a = dL/dq; the division by Σp then maps it to dL/dp = (a − Σ a·q) / Σp
        INDArray a = target.div(clipped(q)).negi().muli(LossMath.inside(q, LossMath.EPSILON, 1 - LossMath.EPSILON));
        INDArray aDotQ = a.mul(q).sum(true, 1);
        return a.subiColumnVector(aDotQ).diviColumnVector(sum);
    }

    /** The array formula of {@link #rowValues} for probabilities, element by element in Java. */
    private static INDArray smallRowValues(INDArray target, INDArray p) {
        int rows = (int) p.size(0);
        int cols = (int) p.size(1);
        double[] t = LossMath.values(target);
        double[] q = LossMath.values(p);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            int from = i * cols;
            double total = rowSum(q, from, cols);
            double sum = 0;
            for (int j = from; j < from + cols; j++) {
                sum += t[j] * Math.log(LossMath.clip(q[j] / total));
            }
            out[i] = -sum;
        }
        return LossMath.matrix(out, rows, 1, p.dataType()).reshape(rows);
    }

    /** The array formula of {@link #rowGradients} for probabilities, element by element in Java. */
    private static INDArray smallRowGradients(INDArray target, INDArray p) {
        int rows = (int) p.size(0);
        int cols = (int) p.size(1);
        double[] t = LossMath.values(target);
        double[] q = LossMath.values(p);
        double[] g = new double[q.length];
        for (int i = 0; i < rows; i++) {
            int from = i * cols;
            double total = rowSum(q, from, cols);
            double aDotQ = 0;
            for (int j = from; j < from + cols; j++) {
                double qj = q[j] / total;
                g[j] = -(t[j] / LossMath.clip(qj)) * LossMath.inside(qj);
                aDotQ += g[j] * qj;
            }
            for (int j = from; j < from + cols; j++) {
                g[j] = (g[j] - aDotQ) / total;
            }
        }
        return LossMath.matrix(g, rows, cols, p.dataType());
    }

    private static double rowSum(double[] v, int from, int count) {
        double sum = 0;
        for (int j = from; j < from + count; j++) {
            sum += v[j];
        }
        return sum;
    }

    private INDArray smoothed(INDArray t) {
        return labelSmoothing > 0 ? t.mul(1 - labelSmoothing).addi(labelSmoothing / t.size(1)) : t;
    }

    private static INDArray normalised(INDArray p) {
        return p.divColumnVector(p.sum(true, 1));
    }

    private static INDArray clipped(INDArray q) {
        return Transforms.min(Transforms.max(q, LossMath.EPSILON, true), 1 - LossMath.EPSILON, false);
    }

    /** Builds a {@link CategoricalCrossentropy} loss. */
    public static final class Builder extends LossFunction.Builder<Builder, CategoricalCrossentropy> {
        private boolean fromLogits;
        private double labelSmoothing;

        private Builder() {
            super("categorical_crossentropy");
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

        /**
         * Sets the label smoothing factor.
         *
         * @param labelSmoothing in [0, 1]; default 0 (none)
         * @return this builder
         */
        public Builder labelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public CategoricalCrossentropy build() {
            return new CategoricalCrossentropy(this);
        }
    }
}
