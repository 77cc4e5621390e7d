package io.kerflux.core.optimizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/** In-place building blocks of the update rules; each writes only its target and its work array. */
final class Updates {

    private Updates() { }

    /** {@code average = rho·average + (1 − rho)·x}. */
    static void movingAverage(INDArray average, INDArray x, double rho, INDArray work) {
        x.mul(1.0 - rho, work);
        average.muli(rho).addi(work);
    }

    /** {@code average = rho·average + (1 − rho)·x²}. */
    static void movingAverageOfSquares(INDArray average, INDArray x, double rho, INDArray work) {
        x.mul(x, work).muli(1.0 - rho);
        average.muli(rho).addi(work);
    }

    /** {@code out = √x + epsilon}. */
    static INDArray sqrtPlus(INDArray x, double epsilon, INDArray out) {
        Nd4j.getExecutioner().exec(new Sqrt(x, out));
        return out.addi(epsilon);
    }

    /** {@code out = √(x + epsilon)}. */
    static INDArray sqrtOfSum(INDArray x, double epsilon, INDArray out) {
        x.add(epsilon, out);
        Nd4j.getExecutioner().exec(new Sqrt(out, out));
        return out;
    }

    /** {@code param −= scale · numerator / denominator}; overwrites {@code denominator}. */
    static void descend(INDArray param, double scale, INDArray numerator, INDArray denominator) {
        denominator.rdivi(numerator).muli(scale);
        param.subi(denominator);
    }
}
