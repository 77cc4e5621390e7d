package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Kullback-Leibler divergence along the last axis: {@code Σ t·log(t/p)}, with {@code t} and
 * {@code p} clipped to {@code [ε, 1]} ({@code ε = 1e-7}).
 *
 * <p>Keras equivalent: {@code keras.losses.KLDivergence}, the loss object of the function {@code
 * kullback_leibler_divergence} (aliases {@code kld}, {@code KLD}). Clipped predictions get a zero
 * gradient.
 */
public final class KLDivergence extends RowwiseLoss {

    /** The loss named "kullback_leibler_divergence", reduced with "sum_over_batch_size". */
    public KLDivergence() {
        this("kullback_leibler_divergence", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private KLDivergence(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<KLDivergence> builder() {
        return new BasicBuilder<>("kullback_leibler_divergence", KLDivergence::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        INDArray tc = clipped(t);
        return tc.mul(Transforms.log(tc.div(clipped(p)), false)).sum(1);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        INDArray g = clipped(t).divi(clipped(p)).negi();
        return g.muli(LossMath.inside(p, LossMath.EPSILON, 1.0));
    }

    private static INDArray clipped(INDArray x) {
        return Transforms.min(Transforms.max(x, LossMath.EPSILON, true), 1.0, false);
    }
}
