package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class GlobalPoolingTest {

    @Test
    void rejectsAnUnknownDataFormat() {
        assertThatThrownBy(() -> new GlobalAveragePooling2D("nchw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"channels_first\", \"channels_last\"")
                .hasMessageContaining("Received: data_format=nchw");
    }

    @Test
    void rejectsInputsOfTheWrongRank() {
        assertThatThrownBy(() -> new GlobalMaxPooling2D().computeOutputShape(new long[] {4, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=4, found ndim=3");
        assertThatThrownBy(() -> new GlobalAveragePooling1D().computeOutputShape(new long[] {4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=3, found ndim=2");
        GlobalMaxPooling1D built = new GlobalMaxPooling1D();
        built.build(new long[] {4, 3}, new BuildContext(DataType.DOUBLE, new Random(1)));
        assertThatThrownBy(() -> built.call(Nd4j.zeros(DataType.DOUBLE, 2, 12), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=3, found ndim=2");
    }
}
