package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import io.kerflux.core.models.Sequential;
import io.kerflux.core.regularizers.Regularizers;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TimeDistributedTest {
    private static final double[][] KERNEL = {{1, -2, 0.5}, {3, 0.25, -1}};
    private static final double[] BIAS = {0.1, -0.2, 0.3};

    private static BuildContext doubles() {
        return new BuildContext(DataType.DOUBLE, new Random(1));
    }

    /** TimeDistributed(Dense(3)) on (T=4, 2) with {@link #KERNEL} and {@link #BIAS}. */
    private static TimeDistributed denseOverTime() {
        TimeDistributed td = new TimeDistributed(new Dense(3));
        td.build(new long[] {4, 2}, doubles());
        td.setWeights(List.of(Nd4j.create(KERNEL), Nd4j.create(BIAS)));
        return td;
    }

    @Test
    void rejectsInputsWithoutATimeAxis() {
        TimeDistributed td = new TimeDistributed(new Dense(3));
        assertThatThrownBy(() -> td.build(new long[] {5}, doubles()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 dimensions, received: (None, 5)");
    }

    @Test
    void outputShapeAndParamsAreTheWrappedLayersPerStep() {
        TimeDistributed td = new TimeDistributed(new Dense(3));
        td.build(new long[] {5, 4}, doubles());
        assertThat(td.computeOutputShape(new long[] {5, 4})).containsExactly(5, 3);
        assertThat(td.layer().builtInputShape()).containsExactly(4);
        // Keras: the Dense's 4·3 + 3, shared by every step
        assertThat(td.countParams()).isEqualTo(4 * 3 + 3);
        assertThat(td.weights()).extracting(Weight::name).containsExactly("kernel", "bias");
        assertThat(td.weights()).isEqualTo(td.layer().weights());
        assertThat(td.trainableWeights()).hasSize(2);
        assertThat(td.nonTrainableWeights()).isEmpty();

        TimeDistributed flatten = new TimeDistributed(new Flatten());
        assertThat(flatten.computeOutputShape(new long[] {3, 2, 5})).containsExactly(3, 10);
    }

    @Test
    void appliesTheSameDenseToEveryTimestep() {
        TimeDistributed td = denseOverTime();
        double[] xs = {0.5, -1, 2, 0.25, -0.75, 1.5, 1, 1, 0, -2, 0.3, 0.7, -1.2, 0.4, 2.5, -0.6};
        INDArray x = Nd4j.create(xs, new long[] {2, 4, 2}, DataType.DOUBLE);
        INDArray y = td.call(x, false);
        assertThat(y.shape()).containsExactly(2, 4, 3);
        double[] actual = LayerContract.values(y);
        for (int step = 0; step < 8; step++) {
            for (int u = 0; u < 3; u++) {
                double expected = xs[2 * step] * KERNEL[0][u] + xs[2 * step + 1] * KERNEL[1][u] + BIAS[u];
                assertThat(actual[3 * step + u]).as("step %d unit %d", step, u).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void weightsAndTrainableAreTheWrappedLayers() {
        TimeDistributed td = denseOverTime();
        assertThat(td.getWeights().get(0).toDoubleMatrix()).isEqualTo(KERNEL);
        assertThat(td.layer().getWeights().get(1).toDoubleVector()).isEqualTo(BIAS);
        td.trainable(false);
        assertThat(td.layer().trainable()).isFalse();
        assertThat(td.trainableWeights()).isEmpty();
        assertThat(td.nonTrainableWeights()).hasSize(2);
        td.layer().trainable(true);
        assertThat(td.trainable()).isTrue();
        assertThat(td.getConfig()).containsEntry("trainable", true);
    }

    @Test
    void configWrapsTheLayersClassNameAndConfig() {
        TimeDistributed td = denseOverTime();
        Map<String, Object> c = td.getConfig();
        assertThat(c.keySet()).containsExactly("name", "trainable", "dtype", "layer");
        assertThat(c).containsEntry("name", "time_distributed");
        assertThat(td.className()).isEqualTo("TimeDistributed");
        assertThat(c.get("layer")).isEqualTo(Map.of("class_name", "Dense", "config", td.layer().getConfig()));

        TimeDistributed first = TimeDistributed.builder(new Dense(2)).inputShape(10, 16).name("td").build();
        assertThat(first.getConfig()).containsEntry("name", "td").containsKey("batch_input_shape");
    }

    @Test
    void activityRegularizerOfTheWrappedLayerCountsOnce() {
        TimeDistributed td = new TimeDistributed(
                Dense.builder(1).kernelInitializer("ones").activityRegularizer(Regularizers.l2(0.5)).build());
        td.build(new long[] {2, 2}, doubles());
        td.call(Nd4j.create(new double[] {1, 2, 3, -1}, new long[] {1, 2, 2}, DataType.DOUBLE), false);
        // outputs 1 + 2 = 3 and 3 - 1 = 2 (zero bias): 0.5 · (3² + 2²)
        assertThat(td.regularizationLoss()).isCloseTo(0.5 * (9 + 4), within(1e-12));
    }

    @Test
    void passesAMaskThroughADense() {
        Embedding emb = Embedding.builder(5, 2).maskZero(true).build();
        emb.build(new long[] {3}, doubles());
        TimeDistributed td = new TimeDistributed(new Dense(4));
        td.build(new long[] {3, 2}, doubles());
        INDArray ids = Nd4j.create(new double[][] {{2, 0, 4}, {0, 1, 1}}).castTo(DataType.DOUBLE);
        INDArray mask = emb.computeMask(ids, null);
        INDArray embedded = emb.call(ids, false);
        td.call(embedded, mask, false);
        assertThat(td.supportsMasking()).isTrue();
        assertThat(td.computeMask(embedded, mask).toDoubleMatrix()).isEqualTo(new double[][] {{1, 0, 1}, {0, 1, 1}});
        assertThat(td.computeMask(embedded, null)).isNull();
    }

    @Test
    void unfoldsADeeperMaskThatADensePassesOn() {
        TimeDistributed td = new TimeDistributed(new Dense(2));
        td.build(new long[] {2, 3, 4}, doubles());
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 2, 3, 4);
        INDArray mask = Nd4j.create(new double[] {0, 1, 0, 0, 0, 1}, new long[] {1, 2, 3}, DataType.DOUBLE);
        td.call(x, mask, false);
        // Keras 2.3: Dense returns the folded (2, 3) mask, which is unfolded to (1, 2, 3)
        INDArray out = td.computeMask(x, mask);
        assertThat(out.shape()).containsExactly(1, 2, 3);
        assertThat(LayerContract.values(out)).containsExactly(0, 1, 0, 0, 0, 1);
    }

    @Test
    void reducesADeeperInputMaskWhenTheWrappedLayerConsumesIt() {
        TimeDistributed td = new TimeDistributed(new MaskConsumer());
        td.build(new long[] {2, 3, 4}, doubles());
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 2, 3, 4);
        INDArray mask = Nd4j.create(new double[] {0, 1, 0, 0, 0, 0}, new long[] {1, 2, 3}, DataType.DOUBLE);
        td.call(x, mask, false);
        // Keras 2.3: any over the axes after (batch, T): step 0 has a 1, step 1 none
        assertThat(td.computeMask(x, mask).toDoubleMatrix()).isEqualTo(new double[][] {{1, 0}});
    }

    /** An identity that accepts a mask and emits none, as a recurrent layer without return_sequences does. */
    private static final class MaskConsumer extends Layer {
        MaskConsumer() {
            super("mask_consumer");
        }

        @Override
        public String className() {
            return "MaskConsumer";
        }

        @Override
        public boolean supportsMasking() {
            return true;
        }

        @Override
        public @Nullable INDArray computeMask(INDArray input, @Nullable INDArray mask) {
            return null;
        }

        @Override
        public long[] computeOutputShape(long[] inputShape) {
            return inputShape.clone();
        }

        @Override
        protected INDArray forward(INDArray input, boolean training) {
            return input;
        }

        @Override
        protected INDArray backward(INDArray gradOutput, boolean needInputGradient) {
            return gradOutput;
        }
    }

    @Test
    void unfoldsTheMaskThatTheWrappedLayerMakes() {
        TimeDistributed td = new TimeDistributed(new Masking());
        td.build(new long[] {2, 3, 2}, doubles());
        INDArray x = Nd4j.create(new double[] {
            0, 0, 1, 0, 0, 0,
            2, 2, 0, 0, 0, 3}, new long[] {1, 2, 3, 2}, DataType.DOUBLE);
        INDArray y = td.call(x, false);
        assertThat(LayerContract.values(y)).containsExactly(0, 0, 1, 0, 0, 0, 2, 2, 0, 0, 0, 3);
        INDArray mask = td.computeMask(x, null);
        assertThat(mask.shape()).containsExactly(1, 2, 3);
        assertThat(LayerContract.values(mask)).containsExactly(0, 1, 0, 1, 0, 1);
    }

    @Test
    void rejectsAMaskWhenTheWrappedLayerDoesNotSupportMasking() {
        TimeDistributed td = new TimeDistributed(new Flatten());
        td.build(new long[] {2, 2, 2}, doubles());
        assertThat(td.supportsMasking()).isFalse();
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 2, 2, 2);
        assertThatThrownBy(() -> td.call(x, Nd4j.ones(DataType.DOUBLE, 1, 2), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not support masking");
    }

    @Test
    void dropoutDrawsAnIndependentMaskForEveryTimestep() {
        TimeDistributed td = new TimeDistributed(new Dropout(0.5));
        td.build(new long[] {40, 5}, doubles());
        td.reseed(3);
        INDArray y = td.call(Nd4j.ones(DataType.DOUBLE, 1, 40, 5), true);
        // 40 steps with the same mask would repeat one row; Keras' folded call draws one per step
        INDArray first = y.get(point(0), point(0));
        boolean allSame = true;
        for (int t = 1; t < 40; t++) {
            allSame &= y.get(point(0), point(t)).equals(first);
        }
        assertThat(allSame).isFalse();
        td.reseed(3);
        assertThat(LayerContract.values(td.call(Nd4j.ones(DataType.DOUBLE, 1, 40, 5), true)))
                .isEqualTo(LayerContract.values(y));
    }

    @Test
    void trainsBehindMaskingInASequentialModel() {
        Sequential model = new Sequential(7);
        model.add(Masking.builder().inputShape(3, 2).build());
        model.add(new TimeDistributed(new Dense(1)));
        model.compile("sgd", "mse");
        assertThat(model.outputShape()).containsExactly(3, 1);
        assertThat(model.layers().get(1).name()).isEqualTo("time_distributed_1");
        INDArray x = Nd4j.create(new float[] {1, 2, 0, 0, -1, 1, 0.5f, 0.5f, 2, -1, 0, 0}, new long[] {2, 3, 2});
        INDArray y = Nd4j.create(new float[] {1, 0, -1, 0.5f, 1, 0}, new long[] {2, 3, 1});
        double first = model.trainOnBatch(x, y)[0];
        for (int i = 0; i < 20; i++) {
            model.trainOnBatch(x, y);
        }
        assertThat(model.trainOnBatch(x, y)[0]).isLessThan(first);
    }

    @Test
    void satisfiesLayerContract() {
        LayerContract.check(() -> new TimeDistributed(new Dense(3, "tanh")), new long[] {4, 2}, "layer");
        LayerContract.check(() -> new TimeDistributed(new Dense(2)), new long[] {2, 3, 2}, "layer");
        LayerContract.check(() -> new TimeDistributed(new Dropout(0.5)), new long[] {3, 4}, "layer");
        LayerContract.check(() -> new TimeDistributed(new Flatten()), new long[] {2, 2, 3}, "layer");
    }
}
