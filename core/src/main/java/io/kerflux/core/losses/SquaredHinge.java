package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The squared hinge loss over the last axis: {@code mean(max(1 − t·p, 0)²)}.
 *
 * <p>Keras equivalent: {@code keras.losses.SquaredHinge}, the loss object of the function {@code
 * squared_hinge}. Targets are expected to be −1 or 1; if every target of the batch is 0 or 1 they
 * are first mapped to −1/1, as for {@link Hinge}.
 */
public final class SquaredHinge extends RowwiseLoss {

    /** The loss named "squared_hinge", reduced with "sum_over_batch_size". */
    public SquaredHinge() {
        this("squared_hinge", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private SquaredHinge(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<SquaredHinge> builder() {
        return new BasicBuilder<>("squared_hinge", SquaredHinge::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        INDArray h = Transforms.relu(Hinge.margin(Hinge.signedLabels(t), p), false);
        return h.muli(h).mean(1);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        INDArray s = Hinge.signedLabels(t);
        return Transforms.relu(Hinge.margin(s, p), false).muli(s).muli(-2.0 / p.size(1));
    }
}
