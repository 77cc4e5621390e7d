package io.kerflux.core.layers;

import java.util.Locale;

/** Keras' {@code conv_utils}: padding names and output lengths shared by convolution and pooling layers. */
final class ConvUtils {
    private ConvUtils() { }

    /** Keras padding modes. */
    enum Padding {
        VALID, SAME, CAUSAL;

        /** @return the Keras string ("valid", "same", "causal") */
        String kerasName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses a Keras padding string, case-insensitively as Keras' normalize_padding does.
         *
         * @param value "valid", "same" or (where allowed) "causal"
         * @param allowCausal whether "causal" is accepted (Conv1D only)
         * @return the mode
         * @throws IllegalArgumentException for anything else
         */
        static Padding of(String value, boolean allowCausal) {
            String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
            return switch (v) {
                case "valid" -> VALID;
                case "same" -> SAME;
                case "causal" -> {
                    if (!allowCausal) {
                        throw new IllegalArgumentException(
                                "The `padding` argument must be one of \"valid\", \"same\". Received: padding=" + value);
                    }
                    yield CAUSAL;
                }
                default -> throw new IllegalArgumentException("The `padding` argument must be one of \"valid\", \"same\""
                        + (allowCausal ? ", \"causal\"" : "") + ". Received: padding=" + value);
            };
        }
    }

    /**
     * Keras' {@code conv_output_length}: the output length of a convolution or pooling window.
     *
     * @param inputLength the input length
     * @param filterSize the window size
     * @param padding the padding mode
     * @param stride the stride
     * @param dilation the dilation rate
     * @return the output length (at least 0)
     */
    static long outputLength(long inputLength, long filterSize, Padding padding, long stride, long dilation) {
        long dilatedFilter = filterSize + (filterSize - 1) * (dilation - 1);
        long length = switch (padding) {
            case SAME, CAUSAL -> inputLength;
            case VALID -> inputLength - dilatedFilter + 1;
        };
        return Math.max(0, (length + stride - 1) / stride);
    }

    /**
     * The padding before the first element for "same" (TensorFlow puts the odd extra at the end).
     *
     * @param inputLength the input length
     * @param filterSize the window size
     * @param stride the stride
     * @param dilation the dilation rate
     * @return the number of padded elements at the start
     */
    static long samePaddingBefore(long inputLength, long filterSize, long stride, long dilation) {
        long dilatedFilter = filterSize + (filterSize - 1) * (dilation - 1);
        long out = (inputLength + stride - 1) / stride;
        long total = Math.max(0, (out - 1) * stride + dilatedFilter - inputLength);
        return total / 2;
    }
}
