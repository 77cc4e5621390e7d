package io.kerflux.core.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The L1 and L2 penalty {@code l1·Σ|w| + l2·Σw²}.
 *
 * <p>Keras equivalent: {@code keras.regularizers.L1L2(l1=0., l2=0.)}. Its gradient is {@code
 * l1·sign(w) + 2·l2·w}, with sign(0) = 0 as TensorFlow differentiates |w|.
 */
public final class L1L2 implements Regularizer {
    private final double l1;
    private final double l2;

    /**
     * Creates the penalty.
     *
     * @param l1 the L1 factor, non-negative
     * @param l2 the L2 factor, non-negative
     * @throws IllegalArgumentException if a factor is negative or not finite
     */
    public L1L2(double l1, double l2) {
        this.l1 = requireFactor("l1", l1);
        this.l2 = requireFactor("l2", l2);
    }

    private static double requireFactor(String argument, double value) {
        if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    argument + " must be a non-negative finite float. Received: " + argument + "=" + value);
        }
        return value;
    }

    /** @return the L1 factor */
    public double l1() {
        return l1;
    }

    /** @return the L2 factor */
    public double l2() {
        return l2;
    }

    @Override
    public String className() {
        return "L1L2";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }

    @Override
    public double loss(INDArray w) {
        double penalty = 0.0;
        if (l1 != 0.0) {
            penalty += l1 * w.norm1Number().doubleValue();
        }
        if (l2 != 0.0) {
            double norm = w.norm2Number().doubleValue();
            penalty += l2 * norm * norm;
        }
        return penalty;
    }

    @Override
    public void addGradient(INDArray w, INDArray grad) {
        if (l1 != 0.0) {
            grad.addi(Transforms.sign(w, true).muli(l1));
        }
        if (l2 != 0.0) {
            grad.addi(w.mul(2.0 * l2));
        }
    }

    @Override
    public String toString() {
        return "L1L2(l1=" + l1 + ", l2=" + l2 + ")";
    }
}
