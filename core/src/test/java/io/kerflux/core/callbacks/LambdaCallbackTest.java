package io.kerflux.core.callbacks;

import static io.kerflux.core.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaCallbackTest {

    @Test
    void runsEachGivenFunctionWithItsArguments() {
        List<String> calls = new ArrayList<>();
        LambdaCallback callback = LambdaCallback.builder()
                .onTrainBegin(l -> calls.add("trainBegin"))
                .onEpochBegin((e, l) -> calls.add("epochBegin " + e))
                .onBatchBegin((b, l) -> calls.add("batchBegin " + b + " size " + l.require("size")))
                .onBatchEnd((b, l) -> calls.add("batchEnd " + b + " loss " + l.require("loss")))
                .onEpochEnd((e, l) -> calls.add("epochEnd " + e + " loss " + l.require("loss")))
                .onTrainEnd(l -> calls.add("trainEnd"))
                .build();
        callback.onTrainBegin(new Logs());
        callback.onEpochBegin(0, new Logs());
        callback.onTrainBatchBegin(0, logs("batch", 0, "size", 2));
        callback.onTrainBatchEnd(0, logs("batch", 0, "size", 2, "loss", 0.5));
        callback.onEpochEnd(0, logs("loss", 0.25));
        callback.onTrainEnd(new Logs());
        assertThat(calls).containsExactly("trainBegin", "epochBegin 0", "batchBegin 0 size 2.0",
                "batchEnd 0 loss 0.5", "epochEnd 0 loss 0.25", "trainEnd");
    }

    @Test
    void unsetHooksDoNothingAndTestBatchesAreNotBatches() {
        List<Integer> ends = new ArrayList<>();
        LambdaCallback callback = LambdaCallback.builder().onBatchEnd((b, l) -> ends.add(b)).build();
        Logs epochLogs = logs("loss", 1);
        callback.onTrainBegin(new Logs());
        callback.onEpochBegin(0, new Logs());
        callback.onTestBatchEnd(7, logs("loss", 1));
        callback.onTrainBatchEnd(4, logs("loss", 1));
        callback.onEpochEnd(0, epochLogs);
        callback.onTrainEnd(new Logs());
        assertThat(ends).containsExactly(4);
        assertThat(epochLogs).isEqualTo(logs("loss", 1));
    }

    @Test
    void aHookMayChangeTheLogs() {
        LambdaCallback callback = LambdaCallback.builder().onEpochEnd((e, l) -> l.put("custom", e * 2)).build();
        Logs epochLogs = logs("loss", 1);
        callback.onEpochEnd(3, epochLogs);
        assertThat(epochLogs.require("custom")).isEqualTo(6.0);
    }
}
