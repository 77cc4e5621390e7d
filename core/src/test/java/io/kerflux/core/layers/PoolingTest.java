package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class PoolingTest {

    @Test
    void rejectsPoolSizeAndStridesOfTheWrongLength() {
        assertThatThrownBy(() -> MaxPooling2D.builder().poolSize(2, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The `pool_size` argument must be a tuple of 2 integers")
                .hasMessageContaining("Received: pool_size=(2, 2, 2)");
        assertThatThrownBy(() -> AveragePooling1D.builder().strides(1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The `strides` argument must be a tuple of 1 integers")
                .hasMessageContaining("Received: strides=(1, 1)");
    }

    @Test
    void rejectsNonPositivePoolSizeAndStrides() {
        assertThatThrownBy(() -> new MaxPooling2D(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive integers").hasMessageContaining("Received: pool_size=(0, 2)");
        assertThatThrownBy(() -> new MaxPooling1D(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: pool_size=(-1,)");
        assertThatThrownBy(() -> AveragePooling2D.builder().strides(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: strides=(0,)");
    }

    @Test
    void rejectsUnknownPaddingAndDataFormat() {
        assertThatThrownBy(() -> MaxPooling2D.builder().padding("causal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"valid\", \"same\"").hasMessageContaining("Received: padding=causal");
        assertThatThrownBy(() -> MaxPooling1D.builder().dataFormat("nhwc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"channels_first\", \"channels_last\"")
                .hasMessageContaining("Received: data_format=nhwc");
    }

    @Test
    void normalizesPaddingAndDataFormatCaseAsKeras() {
        MaxPooling2D p = MaxPooling2D.builder().padding("Same").dataFormat("CHANNELS_FIRST").build();
        assertThat(p.padding()).isEqualTo("same");
        assertThat(p.dataFormat()).isEqualTo("channels_first");
        assertThat(MaxPooling2D.builder().dataFormat(null).build().dataFormat()).isEqualTo("channels_last");
    }

    @Test
    void stridesDefaultToThePoolSize() {
        assertThat(MaxPooling2D.builder().poolSize(3, 2).build().strides()).containsExactly(3, 2);
        assertThat(MaxPooling2D.builder().strides(1).poolSize(3).build().strides()).containsExactly(1, 1);
    }

    @Test
    void outputShapeFollowsKerasConvOutputLengthOverAGrid() {
        for (long in = 1; in <= 9; in++) {
            for (int pool = 1; pool <= 4; pool++) {
                for (int stride = 1; stride <= 3; stride++) {
                    for (boolean same : new boolean[] {false, true}) {
                        long expected = PoolingReference.outputLength(in, pool, stride, same);
                        if (expected <= 0) {
                            continue;
                        }
                        MaxPooling2D p = MaxPooling2D.builder().poolSize(pool, 1).strides(stride, 1)
                                .padding(same ? "same" : "valid").build();
                        assertThat(p.computeOutputShape(new long[] {in, 2, 3}))
                                .as("in %d pool %d stride %d same %s", in, pool, stride, same)
                                .containsExactly(expected, 2, 3);
                    }
                }
            }
        }
    }

    @Test
    void rejectsInputsOfTheWrongRank() {
        assertThatThrownBy(() -> new MaxPooling2D().computeOutputShape(new long[] {4, 4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=4, found ndim=3");
        assertThatThrownBy(() -> new AveragePooling1D().computeOutputShape(new long[] {4, 4, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=3, found ndim=4");
        MaxPooling1D built = new MaxPooling1D();
        built.build(new long[] {4, 2}, new BuildContext(DataType.DOUBLE, new Random(1)));
        assertThatThrownBy(() -> built.call(Nd4j.zeros(DataType.DOUBLE, 1, 4, 2, 1), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=3, found ndim=4");
    }

    @Test
    void rejectsAValidWindowLargerThanTheInput() {
        assertThatThrownBy(() -> new MaxPooling2D(3).computeOutputShape(new long[] {2, 5, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Negative dimension size caused by subtracting 3 from 2");
        assertThat(MaxPooling2D.builder().poolSize(3).padding("same").build().computeOutputShape(new long[] {2, 5, 1}))
                .containsExactly(1, 2, 1);
    }
}
