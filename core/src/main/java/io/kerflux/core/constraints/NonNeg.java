package io.kerflux.core.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sets negative weights to 0.
 *
 * <p>Keras equivalent: {@code keras.constraints.NonNeg()} ("non_neg", "nonneg").
 */
public final class NonNeg implements Constraint {

    /** Creates the constraint. */
    public NonNeg() { }

    @Override
    public String className() {
        return "NonNeg";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }

    @Override
    public void apply(INDArray w) {
        Transforms.relu(w, false);
    }
}
