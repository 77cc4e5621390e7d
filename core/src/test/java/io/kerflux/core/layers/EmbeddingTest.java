package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.models.Sequential;
import io.kerflux.core.testing.KerasJsVectors;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EmbeddingTest {
    private static final String[] CONFIG_KEYS = {
        "input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer", "activity_regularizer",
        "embeddings_constraint", "mask_zero", "input_length"};

    private static BuildContext doubles(long seed) {
        return new BuildContext(DataType.DOUBLE, new Random(seed));
    }

    /** A built (4, 2) table whose row i is [10·i, 10·i + 1]. */
    private static Embedding table4x2() {
        Embedding e = new Embedding(4, 2);
        e.build(new long[] {3}, doubles(1));
        e.setWeights(List.of(Nd4j.create(new double[][] {{0, 1}, {10, 11}, {20, 21}, {30, 31}})));
        return e;
    }

    private static INDArray doubles(double[][] values) {
        return Nd4j.create(values).castTo(DataType.DOUBLE);
    }

    @Test
    void rejectsNonPositiveDimensionsAndInputLength() {
        assertThatThrownBy(() -> new Embedding(0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input_dim=0");
        assertThatThrownBy(() -> new Embedding(5, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output_dim=-1");
        assertThatThrownBy(() -> Embedding.builder(5, 3).inputLength(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input_length=0");
    }

    @Test
    void buildCreatesEmbeddingsOfShapeInputDimByOutputDim() {
        Embedding e = new Embedding(10, 4);
        e.build(new long[] {7}, doubles(1));
        assertThat(e.weights()).extracting(Weight::name).containsExactly("embeddings");
        assertThat(e.weights().get(0).shape()).containsExactly(10, 4);
        // Keras: input_dim · output_dim parameters
        assertThat(e.countParams()).isEqualTo(10 * 4);
        assertThat(e.computeOutputShape(new long[] {7})).containsExactly(7, 4);
        assertThat(e.computeOutputShape(new long[] {2, 5})).containsExactly(2, 5, 4);
    }

    @Test
    void defaultInitializerIsKerasUniformInMinus005To005() {
        Embedding e = new Embedding(50, 8);
        e.build(new long[] {3}, doubles(7));
        INDArray w = e.weights().get(0).value();
        assertThat(w.minNumber().doubleValue()).isGreaterThanOrEqualTo(-0.05);
        assertThat(w.maxNumber().doubleValue()).isLessThan(0.05);
        assertThat(w.stdNumber().doubleValue()).isGreaterThan(0.02);
    }

    @Test
    void forwardLooksUpOneRowPerIndex() {
        Embedding e = table4x2();
        INDArray y = e.call(doubles(new double[][] {{3, 0, 1}, {1, 1, 2}}), false);
        assertThat(y.shape()).containsExactly(2, 3, 2);
        assertThat(LayerContract.values(y)).containsExactly(30, 31, 0, 1, 10, 11, 10, 11, 10, 11, 20, 21);
    }

    @Test
    void acceptsInputsOfAnyRank() {
        Embedding e = new Embedding(4, 2);
        e.build(new long[] {2, 2}, doubles(1));
        e.setWeights(List.of(Nd4j.create(new double[][] {{0, 1}, {10, 11}, {20, 21}, {30, 31}})));
        INDArray x = Nd4j.create(new double[] {0, 1, 2, 3}, new long[] {1, 2, 2}, DataType.DOUBLE);
        INDArray y = e.call(x, false);
        assertThat(y.shape()).containsExactly(1, 2, 2, 2);
        assertThat(LayerContract.values(y)).containsExactly(0, 1, 10, 11, 20, 21, 30, 31);
    }

    @Test
    void truncatesFractionalIndicesTowardZeroAsKerasIntCast() {
        Embedding e = table4x2();
        // int32 casts: 2.7 -> 2, 0.9 -> 0, -0.5 -> 0
        INDArray y = e.call(doubles(new double[][] {{2.7, 0.9, -0.5}}), false);
        assertThat(LayerContract.values(y)).containsExactly(20, 21, 0, 1, 0, 1);
    }

    @Test
    void rejectsIndicesOutsideZeroToInputDim() {
        Embedding e = table4x2();
        assertThatThrownBy(() -> e.call(doubles(new double[][] {{0, 1, 2}, {3, 4, 0}}), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indices[1, 1] = 4 is not in [0, 4)")
                .hasMessageContaining("input_dim=4");
        assertThatThrownBy(() -> e.call(doubles(new double[][] {{0, -1, 2}}), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indices[0, 1] = -1 is not in [0, 4)");
    }

    @Test
    void rejectsInputOtherThanInputLength() {
        Embedding e = Embedding.builder(5, 3).inputLength(7).build();
        assertThat(e.declaredInputShape()).containsExactly(7);
        assertThatThrownBy(() -> e.computeOutputShape(new long[] {5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"input_length\" is 7, but received input has shape (None, 5)");
    }

    @Test
    void backwardAddsTheOutputGradientsOfEveryLookupOfARow() {
        Embedding e = table4x2();
        INDArray x = doubles(new double[][] {{1, 3, 1}, {1, 0, 3}});
        e.call(x, true);
        INDArray g = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new long[] {2, 3, 2}, DataType.DOUBLE);
        INDArray gx = e.backprop(g, true);
        // row 0: position (1,1) -> [9, 10]; row 1: (0,0), (0,2), (1,0) -> [1+5+7, 2+6+8];
        // row 2: never looked up; row 3: (0,1), (1,2) -> [3+11, 4+12]
        assertThat(e.weights().get(0).gradient().toDoubleMatrix())
                .isEqualTo(new double[][] {{9, 10}, {13, 16}, {0, 0}, {14, 16}});
        assertThat(gx.shape()).containsExactly(2, 3);
        assertThat(LayerContract.values(gx)).containsOnly(0.0);
        assertThat(e.backprop(g, false)).isNull();
    }

    @Test
    void scatterAddKeepsEveryUpdateWhenManyPositionsShareARow() {
        int n = 4000;
        int vocab = 3;
        double[] ids = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i % vocab;
        }
        Embedding e = new Embedding(vocab, 16);
        e.build(new long[] {n}, doubles(1));
        e.call(Nd4j.create(ids, new long[] {1, n}, DataType.DOUBLE), true);
        e.backprop(Nd4j.ones(DataType.DOUBLE, 1, n, 16), false);
        // 4000 = 3·1333 + 1: row 0 is looked up 1334 times, rows 1 and 2 1333 times each
        INDArray grad = e.weights().get(0).gradient();
        assertThat(LayerContract.values(grad.getRow(0))).containsOnly(1334.0);
        assertThat(LayerContract.values(grad.getRow(1))).containsOnly(1333.0);
        assertThat(LayerContract.values(grad.getRow(2))).containsOnly(1333.0);
    }

    @Test
    void maskZeroEmitsAMaskThatHidesIndexZero() {
        Embedding e = Embedding.builder(4, 2).maskZero(true).build();
        e.build(new long[] {3}, doubles(1));
        INDArray x = doubles(new double[][] {{3, 0, 1}, {0, 0, 2}});
        assertThat(e.supportsMasking()).isTrue();
        assertThat(e.computeMask(x, null).toDoubleMatrix()).isEqualTo(new double[][] {{1, 0, 1}, {0, 0, 1}});

        Embedding plain = table4x2();
        assertThat(plain.supportsMasking()).isFalse();
        assertThat(plain.computeMask(x, null)).isNull();
    }

    @Test
    void reproducesKerasJsVectors() {
        String[] names = {"embeddings.Embedding.0", "embeddings.Embedding.1", "embeddings.Embedding.2"};
        int[][] dims = {{5, 3, 7}, {20, 5, 10}, {33, 2, 5}};
        boolean[] maskZero = {false, true, false};
        for (int k = 0; k < names.length; k++) {
            KerasJsVectors.Case c = KerasJsVectors.load("Embedding.json", names[k]);
            Embedding e = Embedding.builder(dims[k][0], dims[k][1]).inputLength(dims[k][2]).maskZero(maskZero[k]).build();
            e.build(new long[] {dims[k][2]}, doubles(1));
            e.setWeights(c.weights());
            INDArray y = e.call(c.input(), false);
            assertThat(y.shape()).as(names[k]).isEqualTo(c.expected().shape());
            double[] expected = LayerContract.values(c.expected());
            double[] actual = LayerContract.values(y);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("%s[%d]", names[k], i).isCloseTo(expected[i], within(1e-5));
            }
        }
        // case 1 (mask_zero): the input 8, 6, 14, 8, 11, 17, 10, 18, 0, 13 has its only 0 at position 8
        KerasJsVectors.Case masked = KerasJsVectors.load("Embedding.json", "embeddings.Embedding.1");
        Embedding e = Embedding.builder(20, 5).inputLength(10).maskZero(true).build();
        e.build(new long[] {10}, doubles(1));
        assertThat(LayerContract.values(e.computeMask(masked.input(), null)))
                .containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 0, 1);
    }

    @Test
    void configHasKerasKeysAndAlwaysABatchInputShape() {
        Embedding free = new Embedding(10, 4);
        free.build(new long[] {3}, doubles(1));
        Map<String, Object> c = free.getConfig();
        assertThat(c.keySet()).containsExactly("name", "trainable", "batch_input_shape", "dtype", "input_dim",
                "output_dim", "embeddings_initializer", "embeddings_regularizer", "activity_regularizer",
                "embeddings_constraint", "mask_zero", "input_length");
        assertThat(c.get("batch_input_shape")).isEqualTo(Arrays.<Long>asList(null, null));
        assertThat(c).containsEntry("name", "embedding").containsEntry("input_dim", 10).containsEntry("output_dim", 4)
                .containsEntry("mask_zero", false).containsEntry("input_length", null)
                .containsEntry("embeddings_regularizer", null).containsEntry("embeddings_constraint", null);
        assertThat(c.get("embeddings_initializer")).isInstanceOf(Map.class)
                .hasToString("{class_name=RandomUniform, config={minval=-0.05, maxval=0.05, seed=null}}");

        Embedding fixed = Embedding.builder(10, 4).inputLength(7).build();
        fixed.build(new long[] {7}, doubles(1));
        assertThat(fixed.getConfig().get("batch_input_shape")).isEqualTo(Arrays.asList(null, 7L));
        assertThat(fixed.getConfig()).containsEntry("input_length", 7);
    }

    @Test
    void satisfiesLayerContractForSequencesAndHigherRankInputs() {
        // inputDim 4 with 3 × 5 lookups: rows repeat, so the scatter-add of repeated rows is checked
        LayerContract.checkIndexInput(() -> Embedding.builder(4, 3).inputLength(5).build(), new long[] {5}, 4,
                CONFIG_KEYS);
        LayerContract.checkIndexInput(() -> Embedding.builder(6, 2).maskZero(true).inputShape(2, 3).build(),
                new long[] {2, 3}, 6, CONFIG_KEYS);
    }

    @Test
    void trainsAsFirstLayerOfASequentialModel() {
        Sequential model = new Sequential(42);
        model.add(Embedding.builder(5, 3).inputLength(4).build());
        model.add(new Flatten());
        model.add(new Dense(1));
        model.compile("sgd", "mse");
        assertThat(model.outputShape()).containsExactly(1);
        // Keras: 5·3 + (4·3·1 + 1) parameters
        assertThat(model.countParams()).isEqualTo(5 * 3 + 4 * 3 + 1);
        INDArray x = Nd4j.create(new float[] {0, 1, 2, 3, 4, 4, 1, 0}, new long[] {2, 4});
        INDArray y = Nd4j.create(new float[] {1, -1}, new long[] {2, 1});
        double first = model.trainOnBatch(x, y)[0];
        for (int i = 0; i < 20; i++) {
            model.trainOnBatch(x, y);
        }
        assertThat(model.trainOnBatch(x, y)[0]).isLessThan(first);
    }
}
