package io.kerflux.core.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scales each weight vector to unit L2 norm.
 *
 * <p>Keras equivalent: {@code keras.constraints.UnitNorm(axis=0)} ("unit_norm", "unitnorm"): {@code
 * w ← w / (ε + ‖w‖)} with ε = 1e-7 and the norms taken along {@code axis}.
 */
public final class UnitNorm implements Constraint {
    private final int[] axis;

    /** Creates the constraint with Keras' default axis 0. */
    public UnitNorm() {
        this(0);
    }

    /**
     * Creates the constraint.
     *
     * @param axis the axes the norms are taken along; negative values count from the end
     * @throws IllegalArgumentException if no axis is given
     */
    public UnitNorm(int... axis) {
        this.axis = NormAxes.copy(axis);
    }

    /** @return the axes the norms are taken along */
    public int[] axis() {
        return axis.clone();
    }

    @Override
    public String className() {
        return "UnitNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", NormAxes.config(axis));
        return c;
    }

    @Override
    public void apply(INDArray w) {
        w.divi(NormAxes.norms(w, axis).addi(NormAxes.EPSILON));
    }
}
