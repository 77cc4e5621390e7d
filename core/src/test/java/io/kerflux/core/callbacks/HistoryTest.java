package io.kerflux.core.callbacks;

import static io.kerflux.core.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void recordsEveryKeyWithFewerEntriesForValidationGaps() {
        History history = new History();
        history.onTrainBegin(new Logs());
        // validation_freq=3 over 6 epochs: validation after epochs where (epoch + 1) % 3 == 0, i.e. 2 and 5.
        for (int epoch = 0; epoch < 6; epoch++) {
            Logs logs = new Logs();
            if ((epoch + 1) % 3 == 0) {
                logs.put("val_loss", 10 + epoch);
            }
            logs.put("loss", epoch);
            history.onEpochEnd(epoch, logs);
        }
        assertThat(history.epoch()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(history.history().keySet()).containsExactly("loss", "val_loss");
        assertThat(history.history().get("loss")).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(history.history().get("val_loss")).containsExactly(12.0, 15.0);
    }

    @Test
    void keepsKeysInFirstSeenOrder() {
        History history = new History();
        history.onTrainBegin(new Logs());
        history.onEpochEnd(0, logs("val_loss", 1, "loss", 2, "lr", 0.1));
        history.onEpochEnd(1, logs("loss", 3, "accuracy", 0.5));
        assertThat(history.history().keySet()).containsExactly("val_loss", "loss", "lr", "accuracy");
    }

    @Test
    void resetsAtTrainBegin() {
        History history = new History();
        history.onTrainBegin(new Logs());
        history.onEpochEnd(0, logs("loss", 1));
        history.onTrainBegin(new Logs());
        assertThat(history.epoch()).isEmpty();
        assertThat(history.history()).isEmpty();
        history.onEpochEnd(3, logs("loss", 2));
        assertThat(history.epoch()).containsExactly(3);
        assertThat(history.history().get("loss")).containsExactly(2.0);
    }

    @Test
    void returnsReadOnlySnapshots() {
        History history = new History();
        history.onTrainBegin(new Logs());
        history.onEpochEnd(0, logs("loss", 1));
        List<Double> losses = history.history().get("loss");
        history.onEpochEnd(1, logs("loss", 2));
        assertThat(losses).containsExactly(1.0);
        assertThatThrownBy(() -> history.history().get("loss").add(3.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> history.epoch().add(9)).isInstanceOf(UnsupportedOperationException.class);
    }
}
