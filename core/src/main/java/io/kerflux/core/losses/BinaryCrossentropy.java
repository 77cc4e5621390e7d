package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The binary crossentropy averaged over the last axis: {@code mean(−(t·log p + (1 − t)·log(1 −
 * p)))}.
 *
 * <p>Keras equivalent: {@code keras.losses.BinaryCrossentropy(from_logits=False,
 * label_smoothing=0)}, the loss object of the function {@code binary_crossentropy}. Probabilities
 * are clipped to {@code [ε, 1 − ε]} with {@code ε = 1e-7}; clipped entries get a zero gradient. With
 * {@code fromLogits} the predictions are logits {@code z} and the loss is the stable {@code max(z, 0)
 * − z·t + log(1 + exp(−|z|))}. Label smoothing {@code s} replaces the targets with {@code t·(1 − s)
 * + s/2}.
 */
public final class BinaryCrossentropy extends RowwiseLoss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** The loss named "binary_crossentropy" on probabilities, without label smoothing. */
    public BinaryCrossentropy() {
        this(builder());
    }

    private BinaryCrossentropy(Builder b) {
        super(b.builtName(), b.builtReduction());
        this.fromLogits = b.fromLogits;
        this.labelSmoothing = CategoricalCrossentropy.checkSmoothing(b.labelSmoothing);
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

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        INDArray target = smoothed(t);
        if (fromLogits) {
            INDArray softTail = Transforms.log1p(Transforms.exp(Transforms.abs(p, true).negi(), false), false);
            return Transforms.relu(p, true).subi(p.mul(target)).addi(softTail).mean(1);
        }
        if (LossMath.small(p)) {
            return smallRowValues(target, p);
        }
        INDArray c = clipped(p);
        INDArray positive = target.mul(Transforms.log(c, true));
        INDArray negative = target.rsub(1.0).muli(Transforms.log(c.rsubi(1.0), false));
        return positive.addi(negative).mean(1).negi();
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        INDArray target = smoothed(t);
        if (fromLogits) {
            return Transforms.sigmoid(p, true).subi(target).divi(p.size(1));
        }
        if (LossMath.small(p)) {
            return smallRowGradients(target, p);
        }
        INDArray c = clipped(p);
        INDArray g = target.rsub(1.0).divi(c.rsub(1.0)).subi(target.div(c));
        return g.muli(LossMath.inside(p, LossMath.EPSILON, 1 - LossMath.EPSILON)).divi(p.size(1));
    }

    /** The array formula of {@link #rowValues} for probabilities, element by element in Java. */
    private static INDArray smallRowValues(INDArray target, INDArray p) {
        int rows = (int) p.size(0);
        int cols = (int) p.size(1);
        double[] t = LossMath.values(target);
        double[] q = LossMath.values(p);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = i * cols; j < (i + 1) * cols; j++) {
                double c = LossMath.clip(q[j]);
                sum += t[j] * Math.log(c) + (1.0 - t[j]) * Math.log(1.0 - c);
            }
            out[i] = -(sum / cols);
        }
        return LossMath.matrix(out, rows, 1, p.dataType()).reshape(rows);
    }

    /** The array formula of {@link #rowGradients} for probabilities, element by element in Java. */
    private static INDArray smallRowGradients(INDArray target, INDArray p) {
        long cols = p.size(1);
        double[] t = LossMath.values(target);
        double[] q = LossMath.values(p);
        double[] g = new double[q.length];
        for (int j = 0; j < q.length; j++) {
            double c = LossMath.clip(q[j]);
            g[j] = ((1.0 - t[j]) / (1.0 - c) - t[j] / c) * LossMath.inside(q[j]) / cols;
        }
        return LossMath.matrix(g, p.size(0), cols, p.dataType());
    }

    private INDArray smoothed(INDArray t) {
        return labelSmoothing > 0 ? t.mul(1 - labelSmoothing).addi(0.5 * labelSmoothing) : t;
    }

    private static INDArray clipped(INDArray p) {
        return Transforms.min(Transforms.max(p, LossMath.EPSILON, true), 1 - LossMath.EPSILON, false);
    }

    /** Builds a {@link BinaryCrossentropy} loss. */
    public static final class Builder extends LossFunction.Builder<Builder, BinaryCrossentropy> {
        private boolean fromLogits;
        private double labelSmoothing;

        private Builder() {
            super("binary_crossentropy");
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
        public BinaryCrossentropy build() {
            return new BinaryCrossentropy(this);
        }
    }
}
