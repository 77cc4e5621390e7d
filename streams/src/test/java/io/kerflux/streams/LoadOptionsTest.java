package io.kerflux.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsAreKeras() {
        // fit_generator(max_queue_size=10, workers=1, use_multiprocessing=False, shuffle=True)
        assertThat(LoadOptions.defaults()).isEqualTo(new LoadOptions(1, 10, false, true));
    }

    @Test
    void eachSettingReturnsAChangedCopy() {
        LoadOptions defaults = LoadOptions.defaults();
        LoadOptions changed = defaults.workers(4).maxQueueSize(20).useMultiprocessing(true).shuffle(false);

        assertThat(changed).isEqualTo(new LoadOptions(4, 20, true, false));
        assertThat(defaults).isEqualTo(new LoadOptions(1, 10, false, true));
    }

    @Test
    void zeroWorkersIsAllowed() {
        assertThat(LoadOptions.defaults().workers(0).workers()).isZero();
    }

    @Test
    void rejectsNegativeWorkers() {
        assertThatThrownBy(() -> LoadOptions.defaults().workers(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`workers` must be >= 0")
                .hasMessageContaining("Received: workers=-1");
    }

    @Test
    void rejectsAQueueSmallerThanOne() {
        assertThatThrownBy(() -> new LoadOptions(1, 0, false, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`maxQueueSize` must be >= 1")
                .hasMessageContaining("Received: maxQueueSize=0");
    }
}
