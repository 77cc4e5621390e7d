package io.kerflux.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerflux.core.layers.BatchNormalization;
import io.kerflux.core.layers.Bidirectional;
import io.kerflux.core.layers.Conv2D;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Embedding;
import io.kerflux.core.layers.Flatten;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.layers.MaxPooling2D;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output shapes and parameter counts of whole models, as Keras 2's summary() prints them. */
class SummaryTest {
    private static final String RULE = "_".repeat(65);
    private static final String THICK = "=".repeat(65);

    private static List<String> summary(Sequential model) {
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        return lines;
    }

    private static String row(String layer, String shape, long params) {
        return String.format("%-29s%-26s%-10s", layer, shape, params);
    }

    @Test
    void convolutionalNetwork() {
        Sequential model = new Sequential(1);
        model.add(Conv2D.builder(32, 3).activation("relu").inputShape(28, 28, 1).build());
        model.add(new MaxPooling2D(2));
        model.add(Conv2D.builder(64, 3).activation("relu").build());
        model.add(new MaxPooling2D(2));
        model.add(new Flatten());
        model.add(new Dense(128, "relu"));
        model.add(new Dense(10, "softmax"));
        // 3·3·1·32 + 32 = 320; 3·3·32·64 + 64 = 18496; 5·5·64 = 1600 inputs: 1600·128 + 128 = 204928; 128·10 + 10 = 1290
        assertThat(summary(model)).containsExactly(
                "Model: \"sequential_1\"", RULE,
                "Layer (type)                 Output Shape              Param #   ", THICK,
                row("conv2d_1 (Conv2D)", "(None, 26, 26, 32)", 320), RULE,
                row("max_pooling2d_1 (MaxPooling2", "(None, 13, 13, 32)", 0), RULE,
                row("conv2d_2 (Conv2D)", "(None, 11, 11, 64)", 18496), RULE,
                row("max_pooling2d_2 (MaxPooling2", "(None, 5, 5, 64)", 0), RULE,
                row("flatten_1 (Flatten)", "(None, 1600)", 0), RULE,
                row("dense_1 (Dense)", "(None, 128)", 204928), RULE,
                row("dense_2 (Dense)", "(None, 10)", 1290), THICK,
                "Total params: 225,034", "Trainable params: 225,034", "Non-trainable params: 0", RULE);
    }

    @Test
    void recurrentNetworkWithBatchNormalization() {
        Sequential model = new Sequential(1);
        model.add(Embedding.builder(1000, 64).inputLength(10).build());
        model.add(Bidirectional.builder(LSTM.builder(32).returnSequences(true).build()).build());
        model.add(new LSTM(128));
        model.add(new BatchNormalization());
        model.add(new Dense(1));
        List<String> lines = summary(model);
        // 1000·64 = 64000; 2·4·(32·(64+32) + 32) = 24832; 4·(128·(64+128) + 128) = 98816; BN 4·128 = 512
        // (256 moving statistics are not trainable); 128 + 1 = 129.
        assertThat(lines).contains(
                row("embedding_1 (Embedding)", "(None, 10, 64)", 64000),
                row("bidirectional_1 (Bidirection", "(None, 10, 64)", 24832),
                row("lstm_1 (LSTM)", "(None, 128)", 98816),
                row("batch_normalization_1 (Batch", "(None, 128)", 512),
                row("dense_1 (Dense)", "(None, 1)", 129),
                "Total params: 188,289", "Trainable params: 188,033", "Non-trainable params: 256");
    }
}
