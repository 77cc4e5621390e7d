package io.kerflux.core.losses;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a loss object turns its weighted per-sample values into the value it reports.
 *
 * <p>Keras equivalent: {@code keras.utils.losses_utils.Reduction}; each constant stands for the
 * Keras string returned by {@link #kerasName()}.
 */
public enum Reduction {
    /** {@code "none"}: the weighted per-sample values themselves, not a scalar. */
    NONE("none"),
    /** {@code "sum"}: {@code Σ w_i·l_i}. */
    SUM("sum"),
    /**
     * {@code "sum_over_batch_size"}: {@code Σ w_i·l_i / count(l)}, divided by the number of
     * per-sample values (timesteps included), not by the sum of the weights. The default.
     */
    SUM_OVER_BATCH_SIZE("sum_over_batch_size");

    private final String kerasName;

    Reduction(String kerasName) {
        this.kerasName = kerasName;
    }

    /**
     * The Keras string for this reduction.
     *
     * @return "none", "sum" or "sum_over_batch_size"
     */
    @JsonValue
    public String kerasName() {
        return kerasName;
    }

    /**
     * The reduction with a Keras name.
     *
     * @param name "none", "sum" or "sum_over_batch_size" (case-sensitive, as in Keras)
     * @return the reduction
     * @throws IllegalArgumentException for any other name
     */
    @JsonCreator
    public static Reduction fromKerasName(String name) {
        for (Reduction r : values()) {
            if (r.kerasName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Invalid Reduction Key " + name + ". Expected one of "
                + Arrays.stream(values()).map(Reduction::kerasName).collect(Collectors.joining(", "))
                + ". Received: reduction=" + name);
    }
}
