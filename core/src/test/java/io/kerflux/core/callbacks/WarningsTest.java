package io.kerflux.core.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarningsTest {

    @Test
    void printsEachDistinctMessageOnce() {
        TestModels.Captured err = new TestModels.Captured();
        Warnings warnings = new Warnings(err.stream);
        warnings.warn("a");
        warnings.warn("b");
        warnings.warn("a");
        assertThat(err.text()).isEqualTo("RuntimeWarning: a\nRuntimeWarning: b\n");
    }
}
