package io.kerflux.core.layers;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras' LSTM (sigmoid gates, tanh cell) over a whole float32 sequence: the matrix products in
 * BLAS, the gate arithmetic of each timestep in Java.
 *
 * <p>The input projections {@code x·kernel + bias} of all timesteps are one product, laid out
 * time-major so that each timestep is a contiguous block; each step adds {@code h·recurrent_kernel}
 * into its block and applies the sigmoid to all four gate blocks in one native call. The cell
 * block's {@code tanh(z)} then follows from {@code s = σ(z)} as {@code (2s − 1) / (2s² − 2s + 1)}
 * (since {@code tanh(z) = 2σ(2z) − 1} and {@code σ(2z) = s² / (s² + (1 − s)²)}). The backward pass
 * computes each step's gate gradients in Java, needs one product per step for the recurrent
 * gradient, and forms the three weight gradients and the input gradient with one product each.
 * At W3's shapes (64 sequences of 50 steps × 32 features, 128 units, one thread) libnd4j's {@code
 * lstmLayer} and {@code lstmLayer_bp} took about 33 and 140 ms per batch, this kernel about 25 and
 * 24 ms.
 *
 * <p>One instance per layer: it keeps what the backward pass needs from the last forward pass and
 * reuses its buffers while the batch size and the number of timesteps stay the same.
 */
final class LstmKernel {
    private final int units;

    private int batch;
    private int steps;
    private int features;
    private @Nullable INDArray inputs;
    private @Nullable INDArray gates;
    private INDArray @Nullable [] gateSteps;
    private @Nullable INDArray gradGates;
    private INDArray @Nullable [] gradGateSteps;
    private @Nullable INDArray previousOutputs;
    private @Nullable INDArray recurrentInput;
    private @Nullable INDArray outputGradient;
    private @Nullable INDArray gradInput;
    private @Nullable INDArray gradInputTimeMajor;
    private float @Nullable [] gateValues;
    private float @Nullable [] cells;
    private float @Nullable [] cellTanh;
    private float @Nullable [] outputs;
    private float @Nullable [] initialCell;
    private float @Nullable [] stepGradients;
    private float @Nullable [] dh;
    private float @Nullable [] dc;
    private float @Nullable [] dOut;

    /**
     * A kernel for a layer.
     *
     * @param units the layer's units
     */
    LstmKernel(int units) {
        this.units = units;
    }

    /**
     * Whether the kernel computes a sequence: float32 input and weights, with fewer than
     * 2<sup>31</sup> gate values.
     *
     * @param x the input {@code (batch, timesteps, features)}
     * @param kernel the input kernel
     * @return true if {@link #forward} accepts them
     */
    boolean supports(INDArray x, INDArray kernel) {
        return x.dataType() == DataType.FLOAT && kernel.dataType() == DataType.FLOAT
                && x.size(0) * x.size(1) * 4L * units < Integer.MAX_VALUE;
    }

    /**
     * Runs the sequence.
     *
     * @param x the input in processing order, {@code (batch, timesteps, features)}
     * @param kernel {@code (features, 4·units)}
     * @param recurrentKernel {@code (units, 4·units)}
     * @param bias {@code (4·units)}, or null
     * @param initial the initial output and carry, each {@code (batch, units)}, or null for zeros
     * @return the outputs of every step {@code (batch, timesteps, units)}, the last output and the
     *     last carry, new arrays
     */
    INDArray[] forward(INDArray x, INDArray kernel, INDArray recurrentKernel, @Nullable INDArray bias,
            INDArray @Nullable [] initial) {
        allocate((int) x.size(0), (int) x.size(1), (int) x.size(2));
        int b = batch;
        int u = units;
        int g4 = 4 * u;
        int block = b * u;
        inputs.reshape('c', steps, b, features).assign(x.permute(1, 0, 2));
        Blas.gemm(inputs, kernel, gates, false, false, 1.0, 0.0);
        if (bias != null) {
            gates.addiRowVector(bias);
        }
        float[] gv = gateValues;
        float[] c = cells;
        float[] tc = cellTanh;
        float[] h = outputs;
        if (initial != null) {
            dense(initial[0]).data().asNioFloat().get(0, h, 0, block);
            dense(initial[1]).data().asNioFloat().get(0, initialCell, 0, block);
        } else {
            Arrays.fill(h, 0, block, 0f);
            Arrays.fill(initialCell, 0f);
        }
        for (int t = 0; t < steps; t++) {
            INDArray z = gateSteps[t];
            if (t > 0 || initial != null) {
                recurrentInput.data().asNioFloat().put(0, h, t * block, block);
                Blas.gemm(recurrentInput, recurrentKernel, z, false, false, 1.0, 1.0);
            }
            Transforms.sigmoid(z, false);
            int gBase = t * b * g4;
            z.data().asNioFloat().get((int) z.offset(), gv, gBase, b * g4);
            float[] previousCell = t == 0 ? initialCell : c;
            int previousBase = t == 0 ? 0 : (t - 1) * block;
            for (int r = 0; r < b; r++) {
                int row = gBase + r * g4;
                int cellRow = t * block + r * u;
                int previousRow = previousBase + r * u;
                for (int k = 0; k < u; k++) {
                    float s = gv[row + 2 * u + k];
                    float candidate = (2 * s - 1) / (2 * s * s - 2 * s + 1);
                    gv[row + 2 * u + k] = candidate;
                    float cell = gv[row + u + k] * previousCell[previousRow + k] + gv[row + k] * candidate;
                    float squashed = tanh(cell);
                    c[cellRow + k] = cell;
                    tc[cellRow + k] = squashed;
                    h[cellRow + block + k] = gv[row + 3 * u + k] * squashed;
                }
            }
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, b, steps, u);
        float[] batchMajor = new float[b * steps * u];
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < b; r++) {
                System.arraycopy(h, (t + 1) * block + r * u, batchMajor, (r * steps + t) * u, u);
            }
        }
        out.data().asNioFloat().put(0, batchMajor, 0, batchMajor.length);
        INDArray lastOutput = Nd4j.createUninitialized(DataType.FLOAT, b, u);
        lastOutput.data().asNioFloat().put(0, h, steps * block, block);
        INDArray lastCell = Nd4j.createUninitialized(DataType.FLOAT, b, u);
        lastCell.data().asNioFloat().put(0, c, (steps - 1) * block, block);
        return new INDArray[] {out, lastOutput, lastCell};
    }

    /**
     * The backward pass of the last {@link #forward}: writes the weight gradients.
     *
     * @param dOutputs dL/d outputs of every step, {@code (batch, timesteps, units)}
     * @param kernel the input kernel used in the forward pass
     * @param recurrentKernel the recurrent kernel used in the forward pass
     * @param kernelGradient receives dL/d kernel
     * @param recurrentGradient receives dL/d recurrent kernel
     * @param biasGradient receives dL/d bias, or null without a bias
     * @return dL/d x, {@code (batch, timesteps, features)}, reused by the next call
     */
    INDArray backward(INDArray dOutputs, INDArray kernel, INDArray recurrentKernel, INDArray kernelGradient,
            INDArray recurrentGradient, @Nullable INDArray biasGradient) {
        int b = batch;
        int u = units;
        int g4 = 4 * u;
        int block = b * u;
        float[] gv = gateValues;
        float[] c = cells;
        float[] tc = cellTanh;
        float[] dz = stepGradients;
        float[] dhs = dh;
        float[] dcs = dc;
        float[] dOutput = dOut;
        dense(dOutputs).data().asNioFloat().get(0, dOutput, 0, dOutput.length);
        Arrays.fill(dhs, 0f);
        Arrays.fill(dcs, 0f);
        float[] biasSums = new float[g4];
        for (int t = steps - 1; t >= 0; t--) {
            float[] previousCell = t == 0 ? initialCell : c;
            int previousBase = t == 0 ? 0 : (t - 1) * block;
            for (int r = 0; r < b; r++) {
                int row = (t * b + r) * g4;
                int stepRow = r * g4;
                int cellRow = t * block + r * u;
                int outRow = (r * steps + t) * u;
                for (int k = 0; k < u; k++) {
                    float in = gv[row + k];
                    float forget = gv[row + u + k];
                    float candidate = gv[row + 2 * u + k];
                    float out = gv[row + 3 * u + k];
                    float squashed = tc[cellRow + k];
                    float gradH = dhs[r * u + k] + dOutput[outRow + k];
                    float gradC = dcs[r * u + k] + gradH * out * (1 - squashed * squashed);
                    dz[stepRow + k] = gradC * candidate * in * (1 - in);
                    dz[stepRow + u + k] = gradC * previousCell[previousBase + r * u + k] * forget * (1 - forget);
                    dz[stepRow + 2 * u + k] = gradC * in * (1 - candidate * candidate);
                    dz[stepRow + 3 * u + k] = gradH * squashed * out * (1 - out);
                    dcs[r * u + k] = gradC * forget;
                }
                for (int k = 0; k < g4; k++) {
                    biasSums[k] += dz[stepRow + k];
                }
            }
            INDArray stepGradient = gradGateSteps[t];
            stepGradient.data().asNioFloat().put((int) stepGradient.offset(), dz, 0, b * g4);
            if (t > 0) {
                Blas.gemm(stepGradient, recurrentKernel, outputGradient, false, true, 1.0, 0.0);
                outputGradient.data().asNioFloat().get(0, dhs, 0, block);
            }
        }
        Blas.gemm(inputs, gradGates, kernelGradient, true, false, 1.0, 0.0);
        previousOutputs.data().asNioFloat().put(0, outputs, 0, steps * block);
        Blas.gemm(previousOutputs, gradGates, recurrentGradient, true, false, 1.0, 0.0);
        if (biasGradient != null) {
            biasGradient.assign(Nd4j.create(biasSums, new long[] {g4}, DataType.FLOAT));
        }
        Blas.gemm(gradGates, kernel, gradInputTimeMajor, false, true, 1.0, 0.0);
        gradInput.assign(gradInputTimeMajor.reshape('c', steps, b, features).permute(1, 0, 2));
        return gradInput;
    }

    /** The array if it is float32 and owns its buffer in row-major order, else such a copy. */
    private static INDArray dense(INDArray a) {
        boolean dense = a.dataType() == DataType.FLOAT && !a.isView() && a.ordering() == 'c'
                && Arrays.equals(a.stride(), Nd4j.getStrides(a.shape(), 'c'));
        return dense ? a : a.castTo(DataType.FLOAT).dup('c');
    }

    /** tanh in float precision through one exponential: {@code 1 − 2 / (e^{2x} + 1)}. */
    private static float tanh(float x) {
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0));
    }

    private void allocate(int newBatch, int newSteps, int newFeatures) {
        if (gates != null && newBatch == batch && newSteps == steps && newFeatures == features) {
            return;
        }
        batch = newBatch;
        steps = newSteps;
        features = newFeatures;
        int g4 = 4 * units;
        long rows = (long) steps * batch;
        inputs = Nd4j.createUninitialized(DataType.FLOAT, rows, features);
        gates = Nd4j.createUninitialized(DataType.FLOAT, rows, g4);
        gradGates = Nd4j.createUninitialized(DataType.FLOAT, rows, g4);
        gateSteps = new INDArray[steps];
        gradGateSteps = new INDArray[steps];
        for (int t = 0; t < steps; t++) {
            INDArrayIndex stepRows = NDArrayIndex.interval((long) t * batch, (long) (t + 1) * batch);
            gateSteps[t] = gates.get(stepRows, NDArrayIndex.all());
            gradGateSteps[t] = gradGates.get(stepRows, NDArrayIndex.all());
        }
        previousOutputs = Nd4j.createUninitialized(DataType.FLOAT, rows, units);
        recurrentInput = Nd4j.createUninitialized(DataType.FLOAT, batch, units);
        outputGradient = Nd4j.createUninitialized(DataType.FLOAT, batch, units);
        gradInput = Nd4j.createUninitialized(DataType.FLOAT, batch, steps, features);
        gradInputTimeMajor = Nd4j.createUninitialized(DataType.FLOAT, rows, features);
        int block = batch * units;
        gateValues = new float[(int) rows * g4];
        cells = new float[steps * block];
        cellTanh = new float[steps * block];
        outputs = new float[(steps + 1) * block];
        initialCell = new float[block];
        stepGradients = new float[batch * g4];
        dh = new float[block];
        dc = new float[block];
        dOut = new float[steps * block];
    }
}
