package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.activations.Activations;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationTest {

    /** x ↦ x², a function the registry does not have, to show instances are used as given. */
    private static final io.kerflux.core.activations.Activation SQUARE = new io.kerflux.core.activations.Activation() {
        @Override
        public String name() {
            return "square";
        }

        @Override
        public INDArray apply(INDArray x) {
            return x.mul(x);
        }

        @Override
        public INDArray backward(INDArray x, INDArray y, INDArray gradOutput) {
            return x.mul(2).muli(gradOutput);
        }
    };

    private static Activation built(Activation layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    @Test
    void keepsKerasNameAndClass() {
        Activation a = new Activation("relu");
        assertThat(a.namePrefix()).isEqualTo("activation");
        assertThat(a.className()).isEqualTo("Activation");
        assertThat(a.computeOutputShape(new long[] {2, 5})).containsExactly(2, 5);
    }

    @Test
    void appliesTheNamedActivation() {
        Activation a = built(new Activation("relu"), 4);
        INDArray out = a.call(Nd4j.create(new double[][] {{-1.5, -0.2, 0.3, 2}}), true);
        assertThat(values(out)).containsExactly(0, 0, 0.3, 2);
        // relu' is 0 for x < 0 and 1 for x > 0
        INDArray gx = a.backprop(Nd4j.create(new double[][] {{5, 6, 7, 8}}), true);
        assertThat(values(gx)).containsExactly(0, 0, 7, 8);
    }

    @Test
    void nullMeansLinear() {
        Activation a = built(new Activation((String) null), 2);
        assertThat(a.activation().name()).isEqualTo("linear");
        assertThat(values(a.call(Nd4j.create(new double[][] {{-1, 2}}), false))).containsExactly(-1, 2);
    }

    @Test
    void rejectsUnknownNames() {
        assertThatThrownBy(() -> new Activation("no_such_activation"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_activation");
    }

    @Test
    void usesAGivenFunctionAndWritesItsName() {
        Activation a = built(new Activation(SQUARE), 3);
        assertThat(values(a.call(Nd4j.create(new double[][] {{-2, 0.5, 3}}), true))).containsExactly(4, 0.25, 9);
        // d(x²)/dx = 2x, times gradOutput 1
        assertThat(values(a.backprop(Nd4j.ones(DataType.DOUBLE, 1, 3), true))).containsExactly(-4, 1, 6);
        assertThat(a.getConfig()).containsEntry("activation", "square");
        assertThat(a.backprop(Nd4j.ones(DataType.DOUBLE, 1, 3), false)).isNull();
    }

    @Test
    void satisfiesLayerContractForEveryActivation() {
        // every registered activation, plus one given as an instance
        for (String name : Activations.names()) {
            LayerContract.check(() -> new Activation(name), new long[] {4}, "activation");
            LayerContract.check(() -> new Activation(name), new long[] {2, 3}, "activation");
        }
        LayerContract.check(() -> new Activation(SQUARE), new long[] {2, 3}, "activation");
    }
}
