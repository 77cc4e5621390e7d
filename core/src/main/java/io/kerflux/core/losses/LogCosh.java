package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mean over the last axis of the logarithm of the hyperbolic cosine of the error: {@code
 * mean(log(cosh(p − t)))}.
 *
 * <p>Keras equivalent: {@code keras.losses.LogCosh}, the loss object of the function {@code
 * logcosh}. It is computed as {@code |x| + log(1 + exp(−2|x|)) − log 2}, which equals Keras' {@code
 * x + softplus(−2x) − log 2} and cannot overflow.
 */
public final class LogCosh extends RowwiseLoss {
    private static final double LOG_2 = Math.log(2.0);

    /** The loss named "logcosh", reduced with "sum_over_batch_size". */
    public LogCosh() {
        this("logcosh", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private LogCosh(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<LogCosh> builder() {
        return new BasicBuilder<>("logcosh", LogCosh::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        INDArray a = Transforms.abs(p.sub(t), false);
        INDArray tail = Transforms.log1p(Transforms.exp(a.mul(-2.0), false), false);
        return a.addi(tail).subi(LOG_2).mean(1);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        return Transforms.tanh(p.sub(t), false).divi(p.size(1));
    }
}
