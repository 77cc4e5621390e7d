package io.kerflux.core.constraints;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A projection applied to a weight after each optimizer update.
 *
 * <p>Keras equivalent: {@code keras.constraints.Constraint}.
 */
public interface Constraint {

    /**
     * The Keras class name ("MaxNorm", "NonNeg", …).
     *
     * @return the class name
     */
    String className();

    /**
     * The Keras config.
     *
     * @return the config
     */
    Map<String, Object> getConfig();

    /**
     * Projects {@code w} in place.
     *
     * @param w the weight to constrain
     */
    void apply(INDArray w);
}
