package io.kerflux.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.layers.Bidirectional;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Dropout;
import io.kerflux.core.layers.Flatten;
import io.kerflux.core.layers.GRU;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.layers.TimeDistributed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model given another model's random state draws the masks the other draws next. With plain SGD
 * a training step depends only on the weights, the batch and the masks, so two models with equal
 * weights end a step with equal weights exactly when their masks agree.
 */
class RandomStateTest {

    /** Every kind of mask generator: Dropout, recurrent dropout, both directions, a wrapped Dropout. */
    private static Sequential model(long seed) {
        Sequential m = new Sequential(seed);
        m.add(Bidirectional.builder(LSTM.builder(3).dropout(0.3).recurrentDropout(0.3).returnSequences(true)
                .build()).inputShape(4, 2).build());
        m.add(new TimeDistributed(new Dropout(0.5)));
        m.add(GRU.builder(3).dropout(0.2).recurrentDropout(0.4).build());
        m.add(new Dropout(0.5));
        m.add(new Dense(2, "softmax"));
        m.compile("sgd", "categorical_crossentropy", List.of());
        return m;
    }

    private static final INDArray X = Nd4j.rand(DataType.FLOAT, 6, 4, 2);
    private static final INDArray Y = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}});

    private static double maxDifference(List<INDArray> a, List<INDArray> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, a.get(i).sub(b.get(i)).amaxNumber().doubleValue());
        }
        return max;
    }

    @Test
    void aRestoredModelDrawsTheMasksTheOriginalDrawsNext() {
        Sequential original = model(1);
        original.trainOnBatch(X, Y);
        original.trainOnBatch(X, Y);
        RandomState state = original.randomState();
        List<INDArray> weights = original.getWeights();

        Sequential restored = model(2);
        restored.setWeights(weights);
        restored.restoreRandomState(state);
        Sequential unrestored = model(2);
        unrestored.setWeights(weights);

        for (int step = 0; step < 2; step++) {
            original.trainOnBatch(X, Y);
            restored.trainOnBatch(X, Y);
            unrestored.trainOnBatch(X, Y);
        }
        assertThat(maxDifference(restored.getWeights(), original.getWeights())).isZero();
        assertThat(maxDifference(unrestored.getWeights(), original.getWeights()))
                .as("other masks give other weights, so the check above can fail").isGreaterThan(1e-4);
        assertThat(restored.randomState().layers().values()).zipSatisfy(
                original.randomState().layers().values(), (r, o) -> assertThat(r).containsExactly(o));
    }

    @Test
    void theModelGeneratorContinuesToo() {
        Sequential original = model(1);
        original.drawSeed();
        Sequential restored = model(2);
        restored.restoreRandomState(original.randomState());
        assertThat(restored.drawSeed()).isEqualTo(original.drawSeed());
    }

    @Test
    void aStateOfOtherLayersIsRejectedAndChangesNothing() {
        Sequential m = model(1);
        RandomState before = m.randomState();
        Map<String, long[]> layers = new LinkedHashMap<>(before.layers());
        layers.put("dropout_9", new long[] {1, 2});

        assertThatThrownBy(() -> m.restoreRandomState(new RandomState(before.model(), layers)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 6 layers")
                .hasMessageContaining("the model has 5");
        Map<String, long[]> shortState = new LinkedHashMap<>(before.layers());
        shortState.replaceAll((name, values) -> name.startsWith("dense") ? values : new long[] {7});
        assertThatThrownBy(() -> m.restoreRandomState(new RandomState(before.model(), shortState)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 1 numbers");
        assertThatThrownBy(() -> m.restoreRandomState(new RandomState("bm90IGEgcmFuZG9t", before.layers())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serialised java.util.Random");
        assertThat(m.randomState().layers().values()).zipSatisfy(before.layers().values(),
                (now, was) -> assertThat(now).containsExactly(was));
        assertThat(m.randomState().model()).isEqualTo(before.model());
    }
}
