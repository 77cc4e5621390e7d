package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.regularizers.Regularizers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecurrentBuilderTest {

    @Test
    void acceptsDropoutRatesInTheHalfOpenUnitInterval() {
        assertThat(SimpleRNN.builder(1).dropout(0).recurrentDropout(0.999).build().getConfig())
                .containsEntry("dropout", 0.0).containsEntry("recurrent_dropout", 0.999);
        for (double bad : new double[] {1.0, -0.5, Double.NaN}) {
            assertThatThrownBy(() -> SimpleRNN.builder(1).dropout(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dropout=" + bad);
            assertThatThrownBy(() -> GRU.builder(1).recurrentDropout(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("recurrent_dropout=" + bad);
        }
    }

    @Test
    void rejectsNonPositiveUnitsAndUnknownImplementations() {
        assertThatThrownBy(() -> LSTM.builder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("units must be a positive integer. Received: units=0");
        assertThat(RecurrentBuilder.checkImplementation(1)).isEqualTo(1);
        assertThatThrownBy(() -> RecurrentBuilder.checkImplementation(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("implementation=0");
    }

    @Test
    void returnStateCanOnlyBeFalse() {
        assertThat(LSTM.builder(1).returnState(false).build().getConfig()).containsEntry("return_state", false);
        assertThatThrownBy(() -> GRU.builder(1).returnState(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Sequential model cannot use");
    }

    @Test
    void storesEverySharedArgumentInTheConfig() {
        SimpleRNN s = SimpleRNN.builder(3).activation("relu").useBias(false).kernelInitializer("ones")
                .recurrentInitializer("zeros").biasInitializer("ones").kernelRegularizer(Regularizers.l2(0.1))
                .recurrentRegularizer(Regularizers.l1(0.2)).biasRegularizer(Regularizers.l1L2(0.1, 0.2))
                .activityRegularizer(Regularizers.l2(0.3)).dropout(0.1).recurrentDropout(0.2).returnSequences(true)
                .goBackwards(true).stateful(true).unroll(true).inputShape(4, 2).batchSize(5).name("rnn").build();
        assertThat(s.getConfig()).containsEntry("name", "rnn").containsEntry("activation", "relu")
                .containsEntry("use_bias", false).containsEntry("dropout", 0.1).containsEntry("recurrent_dropout", 0.2)
                .containsEntry("return_sequences", true).containsEntry("go_backwards", true)
                .containsEntry("stateful", true).containsEntry("unroll", true)
                .containsEntry("kernel_regularizer", Configs.object("L1L2", Regularizers.l2(0.1).getConfig()))
                .containsEntry("activity_regularizer", Configs.object("L1L2", Regularizers.l2(0.3).getConfig()))
                .containsEntry("kernel_constraint", null);
        assertThat(((Map<?, ?>) s.getConfig().get("kernel_initializer")).get("class_name"))
                .isEqualTo("Ones");
    }
}
