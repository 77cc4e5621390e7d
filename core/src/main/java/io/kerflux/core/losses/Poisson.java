package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Poisson loss averaged over the last axis: {@code mean(p − t·log(p + ε))} with {@code ε =
 * 1e-7}.
 *
 * <p>Keras equivalent: {@code keras.losses.Poisson}, the loss object of the function {@code
 * poisson}. Predictions are expected to be non-negative rates.
 */
public final class Poisson extends RowwiseLoss {

    /** The loss named "poisson", reduced with "sum_over_batch_size". */
    public Poisson() {
        this("poisson", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private Poisson(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<Poisson> builder() {
        return new BasicBuilder<>("poisson", Poisson::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        return p.sub(t.mul(Transforms.log(p.add(LossMath.EPSILON), false))).mean(1);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        return t.div(p.add(LossMath.EPSILON)).rsubi(1.0).divi(p.size(1));
    }
}
