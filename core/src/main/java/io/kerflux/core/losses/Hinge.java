package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hinge loss over the last axis: {@code mean(max(1 − t·p, 0))}.
 *
 * <p>Keras equivalent: {@code keras.losses.Hinge}, the loss object of the function {@code hinge}.
 * Targets are expected to be −1 or 1; if every target of the batch is 0 or 1 they are first mapped
 * to −1/1 ({@code 2t − 1}), as Keras does.
 */
public final class Hinge extends RowwiseLoss {

    /** The loss named "hinge", reduced with "sum_over_batch_size". */
    public Hinge() {
        this("hinge", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private Hinge(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<Hinge> builder() {
        return new BasicBuilder<>("hinge", Hinge::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        return Transforms.relu(margin(signedLabels(t), p), false).mean(1);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        INDArray s = signedLabels(t);
        INDArray active = margin(s, p).gt(0).castTo(p.dataType());
        return active.muli(s).muli(-1.0 / p.size(1));
    }

    /**
     * {@code 1 − t·p}.
     *
     * @param signedLabels targets in −1/1 form
     * @param p predictions
     * @return a new array
     */
    static INDArray margin(INDArray signedLabels, INDArray p) {
        return signedLabels.mul(p).rsubi(1.0);
    }

    /**
     * Keras' {@code _maybe_convert_labels}: 0/1 targets become −1/1 when every target is 0 or 1.
     *
     * @param t the targets
     * @return the converted targets (a new array), or {@code t} itself
     */
    static INDArray signedLabels(INDArray t) {
        INDArray zeroOrOne = t.eq(0.0).castTo(t.dataType()).addi(t.eq(1.0).castTo(t.dataType()));
        return zeroOrOne.minNumber().doubleValue() > 0 ? t.mul(2.0).subi(1.0) : t;
    }
}
