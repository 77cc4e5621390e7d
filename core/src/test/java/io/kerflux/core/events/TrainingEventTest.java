package io.kerflux.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingEventTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void serializesWithATypeFieldAndReadsBack() throws Exception {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("val_loss", 0.25);
        logs.put("loss", 0.5);
        List<TrainingEvent> events = List.of(
                new TrainingEvent.TrainBegin(1, 3, 10, List.of("loss", "val_loss")),
                new TrainingEvent.EpochBegin(1, 0),
                new TrainingEvent.TrainBatchEnd(1, 0, 4, Map.of("batch", 4.0, "size", 32.0, "loss", 0.5)),
                new TrainingEvent.TestBegin(1, 0),
                new TrainingEvent.TestBatchEnd(1, 0, Map.of("loss", 0.25)),
                new TrainingEvent.TestEnd(1, Map.of("loss", 0.25)),
                new TrainingEvent.EpochEnd(1, 0, logs),
                new TrainingEvent.TrainEnd(1, 1, null),
                new TrainingEvent.PredictBatchEnd(2, 0, 16));
        for (TrainingEvent e : events) {
            String text = json.writeValueAsString(e);
            JsonNode node = json.readTree(text);
            assertThat(node.get("type").asText()).isEqualTo(e.getClass().getSimpleName());
            assertThat(node.get("run").asLong()).isEqualTo(e.run());
            assertThat(json.readValue(text, TrainingEvent.class)).isEqualTo(e);
        }
        JsonNode epochEnd = json.readTree(json.writeValueAsString(events.get(6)));
        assertThat(epochEnd.get("logs").get("val_loss").asDouble()).isEqualTo(0.25);
        assertThat(epochEnd.get("epoch").asInt()).isZero();
    }

    @Test
    void onlyBatchEventsAreDroppable() {
        assertThat(new TrainingEvent.TrainBatchEnd(1, 0, 0, Map.of()).droppable()).isTrue();
        assertThat(new TrainingEvent.TestBatchEnd(1, 0, Map.of()).droppable()).isTrue();
        assertThat(new TrainingEvent.PredictBatchEnd(1, 0, 1).droppable()).isTrue();
        assertThat(new TrainingEvent.EpochEnd(1, 0, Map.of()).droppable()).isFalse();
        assertThat(new TrainingEvent.TrainEnd(1, 0, null).droppable()).isFalse();
    }
}
