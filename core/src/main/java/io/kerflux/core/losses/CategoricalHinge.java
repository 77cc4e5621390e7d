package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The categorical hinge loss: {@code max(0, max((1 − t)·p) − Σ t·p + 1)} over the last axis.
 *
 * <p>Keras equivalent: {@code keras.losses.CategoricalHinge}, the loss object of the function
 * {@code categorical_hinge}; targets are one-hot. Where several classes share the largest {@code
 * (1 − t)·p} the gradient of that maximum is split evenly between them, as TensorFlow's gradient of
 * {@code reduce_max}.
 */
public final class CategoricalHinge extends RowwiseLoss {

    /** The loss named "categorical_hinge", reduced with "sum_over_batch_size". */
    public CategoricalHinge() {
        this("categorical_hinge", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private CategoricalHinge(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<CategoricalHinge> builder() {
        return new BasicBuilder<>("categorical_hinge", CategoricalHinge::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        INDArray neg = negatives(t, p).max(1);
        INDArray pos = t.mul(p).sum(1);
        return Transforms.relu(neg.subi(pos).addi(1.0), false);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        INDArray negatives = negatives(t, p);
        INDArray neg = negatives.max(true, 1);
        INDArray active = neg.sub(t.mul(p).sum(true, 1)).addi(1.0).gt(0).castTo(p.dataType());
        INDArray argMax = negatives.eq(neg.broadcast(negatives.shape())).castTo(p.dataType());
        argMax.diviColumnVector(argMax.sum(true, 1));
        return argMax.muli(t.rsub(1.0)).subi(t).muliColumnVector(active);
    }

    private static INDArray negatives(INDArray t, INDArray p) {
        return t.rsub(1.0).muli(p);
    }
}
