package io.kerflux.core.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scales down each weight vector whose L2 norm exceeds a maximum.
 *
 * <p>Keras equivalent: {@code keras.constraints.MaxNorm(max_value=2, axis=0)} ("max_norm",
 * "maxnorm"): {@code w ← w · clip(‖w‖, 0, max_value) / (ε + ‖w‖)} with ε = 1e-7 and the norms taken
 * along {@code axis}. For a Dense kernel {@code (inputDim, units)} axis 0 constrains the incoming
 * weights of each unit; for a Conv2D kernel {@code (rows, cols, in, out)} use axis {@code 0, 1, 2}.
 */
public final class MaxNorm implements Constraint {
    private final double maxValue;
    private final int[] axis;

    /** Creates the constraint with Keras' defaults (max_value 2, axis 0). */
    public MaxNorm() {
        this(2.0);
    }

    /**
     * Creates the constraint along axis 0.
     *
     * @param maxValue the largest norm, non-negative
     * @throws IllegalArgumentException if maxValue is negative or not finite
     */
    public MaxNorm(double maxValue) {
        this(maxValue, 0);
    }

    /**
     * Creates the constraint.
     *
     * @param maxValue the largest norm, non-negative
     * @param axis the axes the norms are taken along; negative values count from the end
     * @throws IllegalArgumentException if maxValue is negative or not finite, or no axis is given
     */
    public MaxNorm(double maxValue, int... axis) {
        if (!(maxValue >= 0.0 && maxValue < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("max_value must be a non-negative finite number. Received: max_value=" + maxValue);
        }
        this.maxValue = maxValue;
        this.axis = NormAxes.copy(axis);
    }

    /** @return the largest norm */
    public double maxValue() {
        return maxValue;
    }

    /** @return the axes the norms are taken along */
    public int[] axis() {
        return axis.clone();
    }

    @Override
    public String className() {
        return "MaxNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("max_value", maxValue);
        c.put("axis", NormAxes.config(axis));
        return c;
    }

    @Override
    public void apply(INDArray w) {
        INDArray norms = NormAxes.norms(w, axis);
        INDArray desired = Transforms.min(norms, maxValue, true);
        w.muli(desired.divi(norms.addi(NormAxes.EPSILON)));
    }
}
