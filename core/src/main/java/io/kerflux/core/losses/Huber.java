package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Huber loss, averaged over the last axis: with {@code e = |p − t|}, {@code mean(0.5·min(e, δ)²
 * + δ·(e − min(e, δ)))}, quadratic up to {@code δ} and linear beyond.
 *
 * <p>Keras equivalent: {@code keras.losses.Huber(delta=1.0)}, the loss object of the function
 * {@code huber_loss}. This follows tf.keras and averages over the last axis, so {@code call} gives
 * one value per sample like every other loss; Keras 2.3.1 returns one value per element instead.
 * Both give the same "sum_over_batch_size" loss for weights of shape {@code (n,)}; they differ for
 * reduction "sum" and in the shape of reduction "none".
 */
public final class Huber extends RowwiseLoss {
    private final double delta;

    /** The loss named "huber_loss" with {@code delta = 1.0}, reduced with "sum_over_batch_size". */
    public Huber() {
        this(builder());
    }

    /**
     * The loss named "huber_loss", reduced with "sum_over_batch_size".
     *
     * @param delta where the loss turns from quadratic to linear; positive
     * @throws IllegalArgumentException if {@code delta} is not a positive finite number
     */
    public Huber(double delta) {
        this(builder().delta(delta));
    }

    private Huber(Builder b) {
        super(b.builtName(), b.builtReduction());
        if (!(b.delta > 0) || Double.isInfinite(b.delta)) {
            throw new IllegalArgumentException("delta must be a positive number. Received: delta=" + b.delta);
        }
        this.delta = b.delta;
    }

    /**
     * Starts a builder for {@code delta}, {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The point where the loss turns from quadratic to linear.
     *
     * @return delta
     */
    public double delta() {
        return delta;
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        INDArray e = Transforms.abs(p.sub(t), false);
        INDArray quadratic = Transforms.min(e, delta, true);
        INDArray linear = e.subi(quadratic).muli(delta);
        return quadratic.muli(quadratic).muli(0.5).addi(linear).mean(1);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        INDArray error = p.sub(t);
        // d/de of the quadratic part is e itself; beyond delta the slope is delta·sign(e)
        INDArray inside = Transforms.abs(error, true).lte(delta).castTo(p.dataType());
        INDArray outside = inside.rsub(1.0).muli(Transforms.sign(error, true)).muli(delta);
        return error.muli(inside).addi(outside).divi(p.size(1));
    }

    /** Builds a {@link Huber} loss. */
    public static final class Builder extends LossFunction.Builder<Builder, Huber> {
        private double delta = 1.0;

        private Builder() {
            super("huber_loss");
        }

        /**
         * Sets delta.
         *
         * @param delta where the loss turns from quadratic to linear; default 1.0
         * @return this builder
         */
        public Builder delta(double delta) {
            this.delta = delta;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public Huber build() {
            return new Huber(this);
        }
    }
}
