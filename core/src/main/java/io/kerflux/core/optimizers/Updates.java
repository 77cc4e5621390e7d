package io.kerflux.core.optimizers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/** In-place building blocks of the update rules; each writes only its target and its work array. */
final class Updates {
    /**
     * Elements per block of the Java update loops: four blocks of floats fit in L1, and bulk copies
     * of this size run at memory speed.
     */
    private static final int BLOCK = 2048;

    private Updates() { }

    /**
     * Whether the arrays are float32 or float64, of one dtype, shape and ordering, and each owns its
     * whole buffer from offset 0, so element {@code i} of one is element {@code i} of the others.
     */
    static boolean sameDenseLayout(INDArray first, INDArray... others) {
        DataType dtype = first.dataType();
        if ((dtype != DataType.FLOAT && dtype != DataType.DOUBLE) || !ownsBuffer(first) || first.length() > Integer.MAX_VALUE) {
            return false;
        }
        for (INDArray a : others) {
            if (a.dataType() != dtype || !ownsBuffer(a) || a.ordering() != first.ordering() || !a.equalShapes(first)) {
                return false;
            }
        }
        return true;
    }

    /** Not a view, and laid out with the standard strides of its ordering (a permuted array is not). */
    private static boolean ownsBuffer(INDArray a) {
        return !a.isView() && Arrays.equals(a.stride(), Nd4j.getStrides(a.shape(), a.ordering()));
    }

    /**
     * Adam's whole step in one pass over memory: {@code m = beta1·m + (1 − beta1)·g}, {@code v =
     * beta2·v + (1 − beta2)·g²}, {@code param −= stepSize·m / (√v + epsilon)}. Runs in Java on
     * L1-sized blocks, where the JIT vectorises it: libnd4j's {@code adam_updater} took ten times
     * as long, and the same formula as separate native ops makes ten passes over memory.
     * Requires {@link #sameDenseLayout}.
     */
    static void adam(INDArray param, INDArray grad, INDArray m, INDArray v, double beta1, double beta2, double stepSize,
            double epsilon) {
        int n = (int) param.length();
        if (param.dataType() == DataType.FLOAT) {
            adamFloat(n, param.data().asNioFloat(), grad.data().asNioFloat(), m.data().asNioFloat(), v.data().asNioFloat(),
                    (float) beta1, (float) beta2, (float) stepSize, (float) epsilon);
        } else {
            adamDouble(n, param.data().asNioDouble(), grad.data().asNioDouble(), m.data().asNioDouble(),
                    v.data().asNioDouble(), beta1, beta2, stepSize, epsilon);
        }
    }

    /**
     * SGD's step in one pass, in Java: with {@code step = lr·g}, {@code v = momentum·v − step} (just
     * {@code −step} without momentum, so a non-finite old velocity is not read), then {@code param
     * += v}, or {@code param += momentum·v − step} with Nesterov. For the small layers of per-step
     * overhead workloads this replaces up to six native calls. Requires {@link #sameDenseLayout}.
     */
    static void sgd(INDArray param, INDArray grad, INDArray velocity, double lr, double momentum, boolean nesterov) {
        int n = (int) param.length();
        if (param.dataType() == DataType.FLOAT) {
            FloatBuffer pb = param.data().asNioFloat();
            FloatBuffer gb = grad.data().asNioFloat();
            FloatBuffer vb = velocity.data().asNioFloat();
            float[] p = new float[Math.min(BLOCK, n)];
            float[] g = new float[p.length];
            float[] v = new float[p.length];
            float rate = (float) lr;
            float mu = (float) momentum;
            for (int from = 0; from < n; from += BLOCK) {
                int len = Math.min(BLOCK, n - from);
                pb.get(from, p, 0, len);
                gb.get(from, g, 0, len);
                vb.get(from, v, 0, len);
                for (int i = 0; i < len; i++) {
                    float step = rate * g[i];
                    float vi = mu == 0 ? -step : mu * v[i] - step;
                    v[i] = vi;
                    p[i] = nesterov ? p[i] - step + mu * vi : p[i] + vi;
                }
                pb.put(from, p, 0, len);
                vb.put(from, v, 0, len);
            }
        } else {
            DoubleBuffer pb = param.data().asNioDouble();
            DoubleBuffer gb = grad.data().asNioDouble();
            DoubleBuffer vb = velocity.data().asNioDouble();
            double[] p = new double[Math.min(BLOCK, n)];
            double[] g = new double[p.length];
            double[] v = new double[p.length];
            for (int from = 0; from < n; from += BLOCK) {
                int len = Math.min(BLOCK, n - from);
                pb.get(from, p, 0, len);
                gb.get(from, g, 0, len);
                vb.get(from, v, 0, len);
                for (int i = 0; i < len; i++) {
                    double step = lr * g[i];
                    double vi = momentum == 0 ? -step : momentum * v[i] - step;
                    v[i] = vi;
                    p[i] = nesterov ? p[i] - step + momentum * vi : p[i] + vi;
                }
                pb.put(from, p, 0, len);
                vb.put(from, v, 0, len);
            }
        }
    }

    private static void adamFloat(int n, FloatBuffer pb, FloatBuffer gb, FloatBuffer mb, FloatBuffer vb, float beta1,
            float beta2, float stepSize, float epsilon) {
        float[] p = new float[Math.min(BLOCK, n)];
        float[] g = new float[p.length];
        float[] m = new float[p.length];
        float[] v = new float[p.length];
        float keep1 = 1 - beta1;
        float keep2 = 1 - beta2;
        for (int from = 0; from < n; from += BLOCK) {
            int len = Math.min(BLOCK, n - from);
            pb.get(from, p, 0, len);
            gb.get(from, g, 0, len);
            mb.get(from, m, 0, len);
            vb.get(from, v, 0, len);
            for (int i = 0; i < len; i++) {
                float gi = g[i];
                float mi = beta1 * m[i] + keep1 * gi;
                float vi = beta2 * v[i] + keep2 * (gi * gi);
                m[i] = mi;
                v[i] = vi;
                p[i] -= stepSize * mi / ((float) Math.sqrt(vi) + epsilon);
            }
            pb.put(from, p, 0, len);
            mb.put(from, m, 0, len);
            vb.put(from, v, 0, len);
        }
    }

    private static void adamDouble(int n, DoubleBuffer pb, DoubleBuffer gb, DoubleBuffer mb, DoubleBuffer vb,
            double beta1, double beta2, double stepSize, double epsilon) {
        double[] p = new double[Math.min(BLOCK, n)];
        double[] g = new double[p.length];
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double keep1 = 1 - beta1;
        double keep2 = 1 - beta2;
        for (int from = 0; from < n; from += BLOCK) {
            int len = Math.min(BLOCK, n - from);
            pb.get(from, p, 0, len);
            gb.get(from, g, 0, len);
            mb.get(from, m, 0, len);
            vb.get(from, v, 0, len);
            for (int i = 0; i < len; i++) {
                double gi = g[i];
                double mi = beta1 * m[i] + keep1 * gi;
                double vi = beta2 * v[i] + keep2 * (gi * gi);
                m[i] = mi;
                v[i] = vi;
                p[i] -= stepSize * mi / (Math.sqrt(vi) + epsilon);
            }
            pb.put(from, p, 0, len);
            mb.put(from, m, 0, len);
            vb.put(from, v, 0, len);
        }
    }

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
