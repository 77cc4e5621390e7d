package io.kerflux.core.losses;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A built-in loss computed on the last axis: predictions {@code (n, …, C)} are viewed as rows
 * {@code (m, C)} with {@code m} the number of per-sample values, so each loss only writes row-wise
 * math and temporal {@code (n, T, C)} predictions need nothing extra.
 *
 * <p>The rows handed to {@link #rowValues} and {@link #rowGradients} may be views of the caller's
 * arrays: implementations never modify them in place.
 */
abstract class RowwiseLoss extends LossFunction {

    RowwiseLoss(String name, Reduction reduction) {
        super(name, reduction);
    }

    @Override
    public final INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray p = predictionRows(yPred);
        return rowValues(targetRows(yTrue, yPred), p).reshape('c', LossMath.leading(yPred.shape()));
    }

    @Override
    public final INDArray callGradient(INDArray yTrue, INDArray yPred) {
        INDArray p = predictionRows(yPred);
        return rowGradients(targetRows(yTrue, yPred), p).reshape('c', yPred.shape());
    }

    /**
     * The per-row loss values.
     *
     * @param t targets as rows, in the predictions' dtype (see {@link #targetRows})
     * @param p predictions, shape {@code (m, C)}
     * @return a new array of shape {@code (m,)}
     */
    abstract INDArray rowValues(INDArray t, INDArray p);

    /**
     * The gradient of each row's value with respect to that row of predictions.
     *
     * @param t targets as rows
     * @param p predictions, shape {@code (m, C)}
     * @return a new array of shape {@code (m, C)}
     */
    abstract INDArray rowGradients(INDArray t, INDArray p);

    /**
     * The targets as rows {@code (m, C)} in the predictions' dtype. Keras casts {@code y_true} to
     * the dtype of {@code y_pred}; a target of shape {@code (n,)} for predictions {@code (n, 1)} is
     * taken as {@code (n, 1)}, as tf.keras does (2.3.1 would broadcast it to {@code (n, n)}).
     *
     * @param yTrue the targets as given
     * @param yPred the predictions as given
     * @return the target rows
     * @throws IllegalArgumentException if the target shape does not match the predictions
     */
    INDArray targetRows(INDArray yTrue, INDArray yPred) {
        long[] ps = yPred.shape();
        boolean same = Arrays.equals(yTrue.shape(), ps);
        boolean missingUnitAxis = ps[ps.length - 1] == 1 && Arrays.equals(yTrue.shape(), LossMath.leading(ps));
        if (!same && !missingUnitAxis) {
            throw new IllegalArgumentException("Loss " + name() + " expects y_true shaped like y_pred "
                    + LossMath.shape(ps) + ". Received: y_true with shape " + LossMath.shape(yTrue.shape()));
        }
        return asRows(yTrue.castTo(yPred.dataType()), ps);
    }

    private INDArray predictionRows(INDArray yPred) {
        LossMath.requireSamplesAndFeatures(name(), yPred);
        return asRows(yPred, yPred.shape());
    }

    /**
     * A view (or copy) of an array as rows of the last axis of {@code shape}.
     *
     * @param x the array, with as many elements as {@code shape}
     * @param shape the logical shape
     * @return shape {@code (m, C)}
     */
    static INDArray asRows(INDArray x, long[] shape) {
        return x.reshape('c', LossMath.count(LossMath.leading(shape)), shape[shape.length - 1]);
    }
}
