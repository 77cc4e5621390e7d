package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UpSampling2DTest {
    private static final String[] CONFIG_KEYS = {"size", "data_format", "interpolation"};

    private static UpSampling2D built(UpSampling2D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    /** A channels-last batch, or its channels-first copy. */
    private static INDArray inFormat(INDArray channelsLast, boolean channelsFirst) {
        return channelsFirst ? channelsLast.permute(0, 3, 1, 2).dup('c') : channelsLast;
    }

    private static INDArray toChannelsLast(INDArray out, boolean channelsFirst) {
        return channelsFirst ? out.permute(0, 2, 3, 1) : out;
    }

    /**
     * TensorFlow 1's legacy resize_bilinear along one axis: output index i reads source i / f,
     * lerping between its floor and the next index, clamped to the last.
     */
    private static double[] lerp(int i, int factor, int length) {
        double source = (double) i / factor;
        int lower = (int) Math.floor(source);
        return new double[] {lower, Math.min(lower + 1, length - 1), source - lower};
    }

    @Test
    void keepsKerasNameClassAndDefaultConfig() {
        UpSampling2D up = new UpSampling2D();
        assertThat(up.className()).isEqualTo("UpSampling2D");
        assertThat(up.namePrefix()).isEqualTo("up_sampling2d");
        assertThat(up.getConfig()).containsEntry("size", List.of(2, 2)).containsEntry("data_format", "channels_last")
                .containsEntry("interpolation", "nearest");
        assertThat(new UpSampling2D(3).getConfig()).containsEntry("size", List.of(3, 3));
        assertThat(UpSampling2D.builder().size(1, 2).interpolation("bilinear").dataFormat("channels_first").build()
                .getConfig()).containsEntry("size", List.of(1, 2)).containsEntry("interpolation", "bilinear")
                .containsEntry("data_format", "channels_first");
    }

    @Test
    void rejectsInvalidArgumentsNamingThem() {
        assertThatThrownBy(() -> new UpSampling2D(2, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`size` argument must be a tuple of 2 integers").hasMessageContaining("size=(2, 2, 2)");
        assertThatThrownBy(() -> new UpSampling2D(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive").hasMessageContaining("size=(0,)");
        assertThatThrownBy(() -> UpSampling2D.builder().interpolation("bicubic")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interpolation should be one of \"nearest\" or \"bilinear\"")
                .hasMessageContaining("Received: interpolation=bicubic");
        assertThatThrownBy(() -> new UpSampling2D().computeOutputShape(new long[] {3, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ndim=4, found ndim=3");
    }

    @Test
    void outputShapeMultipliesRowsAndColumns() {
        assertThat(new UpSampling2D(2, 3).computeOutputShape(new long[] {4, 5, 6})).containsExactly(8, 15, 6);
        assertThat(UpSampling2D.builder().size(2, 3).dataFormat("channels_first").build()
                .computeOutputShape(new long[] {6, 4, 5})).containsExactly(6, 8, 15);
    }

    @Test
    void nearestRepeatsEveryPixelAndSumsTheGradientsOfItsCopies() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 2);
        for (boolean channelsFirst : new boolean[] {false, true}) {
            UpSampling2D up = built(UpSampling2D.builder().size(3, 2)
                    .dataFormat(channelsFirst ? "channels_first" : null).build(),
                    channelsFirst ? new long[] {2, 2, 3} : new long[] {2, 3, 2});
            INDArray y = toChannelsLast(up.call(inFormat(x, channelsFirst), false), channelsFirst);
            assertThat(y.shape()).containsExactly(2, 6, 6, 2);
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        for (int c = 0; c < 2; c++) {
                            assertThat(y.getDouble(b, i, j, c)).isEqualTo(x.getDouble(b, i / 3, j / 2, c));
                        }
                    }
                }
            }
            // an all-ones gradient gives each input pixel its number of copies, 3·2
            INDArray g = Nd4j.ones(DataType.DOUBLE, channelsFirst ? new long[] {2, 2, 6, 6} : new long[] {2, 6, 6, 2});
            assertThat(LayerContract.values(up.backprop(g, true))).containsOnly(6.0);
        }
    }

    @Test
    void bilinearMatchesTensorFlowLegacyResizeOnAHandExample() {
        UpSampling2D up = built(UpSampling2D.builder().interpolation("bilinear").build(), 2, 2, 1);
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {1, 2, 2, 1}, DataType.DOUBLE);
        // by hand: sources 0, 0.5, 1, 1.5 (clamped to 1) along both axes
        assertThat(LayerContract.values(up.call(x, false)))
                .containsExactly(1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4, 3, 3.5, 4, 4);
    }

    @Test
    void bilinearInterpolatesBetweenNeighboursInEitherDataFormat() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2);
        for (boolean channelsFirst : new boolean[] {false, true}) {
            UpSampling2D up = built(UpSampling2D.builder().size(3, 2).interpolation("bilinear")
                    .dataFormat(channelsFirst ? "channels_first" : null).build(),
                    channelsFirst ? new long[] {2, 3, 2} : new long[] {3, 2, 2});
            INDArray y = toChannelsLast(up.call(inFormat(x, channelsFirst), false), channelsFirst);
            assertThat(y.shape()).containsExactly(2, 9, 4, 2);
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 9; i++) {
                    double[] r = lerp(i, 3, 3);
                    for (int j = 0; j < 4; j++) {
                        double[] s = lerp(j, 2, 2);
                        for (int c = 0; c < 2; c++) {
                            double top = (1 - s[2]) * x.getDouble(b, (int) r[0], (int) s[0], c)
                                    + s[2] * x.getDouble(b, (int) r[0], (int) s[1], c);
                            double bottom = (1 - s[2]) * x.getDouble(b, (int) r[1], (int) s[0], c)
                                    + s[2] * x.getDouble(b, (int) r[1], (int) s[1], c);
                            assertThat(y.getDouble(b, i, j, c)).isCloseTo((1 - r[2]) * top + r[2] * bottom, within(1e-12));
                        }
                    }
                }
            }
        }
    }

    @Test
    void satisfiesLayerContractForBothInterpolationsAndFormats() {
        for (String interpolation : new String[] {"nearest", "bilinear"}) {
            LayerContract.check(() -> UpSampling2D.builder().size(2, 3).interpolation(interpolation).build(),
                    new long[] {2, 2, 2}, CONFIG_KEYS);
            LayerContract.check(() -> UpSampling2D.builder().interpolation(interpolation).dataFormat("channels_first")
                    .build(), new long[] {2, 3, 2}, CONFIG_KEYS);
        }
    }
}
