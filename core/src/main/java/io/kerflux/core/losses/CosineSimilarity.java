package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The negated cosine similarity along the last axis: {@code −Σ l2norm(t)·l2norm(p)} with {@code
 * l2norm(x) = x / √max(Σx², 1e-12)}; −1 for parallel vectors, 0 for orthogonal ones or a zero vector.
 *
 * <p>Keras equivalent: {@code keras.losses.CosineSimilarity} (tf.keras; Keras 2.3.1 has only the
 * function {@code cosine_proximity}, aliases {@code cosine} and {@code cosine_similarity}). The loss
 * is negative; the metric of the same name is positive. Only the last axis is supported (Keras'
 * {@code axis=-1} default).
 */
public final class CosineSimilarity extends RowwiseLoss {
    /** TensorFlow's floor on the squared norm in {@code l2_normalize}. */
    private static final double MIN_SQUARED_NORM = 1e-12;

    /** The loss named "cosine_similarity", reduced with "sum_over_batch_size". */
    public CosineSimilarity() {
        this("cosine_similarity", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private CosineSimilarity(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<CosineSimilarity> builder() {
        return new BasicBuilder<>("cosine_similarity", CosineSimilarity::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        return normalised(t).muli(normalised(p)).sum(1).negi();
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        INDArray tHat = normalised(t);
        INDArray squared = p.mul(p).sum(true, 1);
        INDArray norm = Transforms.sqrt(Transforms.max(squared, MIN_SQUARED_NORM, true), false);
        // d/dp of −t̂·p/r is −(t̂ − (t̂·p)·p/r²)/r; where the norm is floored r is constant, so the
        // projection term vanishes
        INDArray projection = tHat.mul(p).sum(true, 1).muli(squared.gt(MIN_SQUARED_NORM).castTo(p.dataType()))
                .divi(Transforms.max(squared, MIN_SQUARED_NORM, true));
        return p.mulColumnVector(projection).subi(tHat).diviColumnVector(norm);
    }

    private static INDArray normalised(INDArray x) {
        INDArray squared = x.mul(x).sum(true, 1);
        return x.divColumnVector(Transforms.sqrt(Transforms.max(squared, MIN_SQUARED_NORM, false), false));
    }
}
