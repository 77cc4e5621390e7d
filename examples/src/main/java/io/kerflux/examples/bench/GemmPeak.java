package io.kerflux.examples.bench;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hardware ceiling for W1: the float32 gemms of one training step of a 784-512-512-10 MLP at
 * batch 128, run alone into preallocated arrays, through {@code Nd4j.gemm} and straight through
 * OpenBLAS's {@code cblas_sgemm} (the library ND4J links, which Kerflux's layers call for float32).
 */
final class GemmPeak {
    /** Layer widths of W1. */
    static final int[] W1_WIDTHS = {784, 512, 512, 10};

    private GemmPeak() { }

    /** Multiply-adds of one sample's forward pass, times 2 for FLOPs. */
    static long forwardFlops(int[] widths) {
        long flops = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            flops += 2L * widths[i] * widths[i + 1];
        }
        return flops;
    }

    /**
     * Training FLOPs per sample by the usual count: forward, weight gradients and input gradients
     * each cost one forward ({@code 3 × forward}).
     */
    static long trainFlops(int[] widths) {
        return 3 * forwardFlops(widths);
    }

    /** The same without the first layer's input gradient, which no framework computes. */
    static long trainFlopsNeeded(int[] widths) {
        return trainFlops(widths) - 2L * widths[0] * widths[1];
    }

    /**
     * Times the gemms of W1's training step (3 forward, 3 weight-gradient, 2 input-gradient).
     *
     * @param batch the batch size
     * @param seconds how long to repeat them
     * @param direct true for {@code cblas_sgemm} on row-major arrays, false for {@code Nd4j.gemm}
     * @return GFLOP/s
     */
    static double w1StepGflops(int batch, double seconds, boolean direct) {
        int layers = W1_WIDTHS.length - 1;
        INDArray[] acts = new INDArray[layers + 1];
        INDArray[] grads = new INDArray[layers + 1];
        INDArray[] kernels = new INDArray[layers];
        INDArray[] kernelGrads = new INDArray[layers];
        for (int i = 0; i <= layers; i++) {
            acts[i] = Nd4j.rand(DataType.FLOAT, batch, W1_WIDTHS[i]);
            grads[i] = Nd4j.rand(DataType.FLOAT, batch, W1_WIDTHS[i]);
        }
        for (int i = 0; i < layers; i++) {
            kernels[i] = Nd4j.rand(DataType.FLOAT, W1_WIDTHS[i], W1_WIDTHS[i + 1]);
            kernelGrads[i] = Nd4j.create(DataType.FLOAT, W1_WIDTHS[i], W1_WIDTHS[i + 1]);
        }
        Gemm gemm = direct ? GemmPeak::cblas : (a, b, c, ta, tb) -> Nd4j.gemm(a, b, c, ta, tb, 1.0, 0.0);
        Runnable step = () -> {
            for (int i = 0; i < layers; i++) {
                gemm.run(acts[i], kernels[i], acts[i + 1], false, false);
            }
            for (int i = layers - 1; i >= 0; i--) {
                gemm.run(acts[i], grads[i + 1], kernelGrads[i], true, false);
                if (i > 0) {
                    gemm.run(grads[i + 1], kernels[i], grads[i], false, true);
                }
            }
        };
        for (int i = 0; i < 20; i++) {
            step.run();
        }
        long steps = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            step.run();
            steps++;
            now = System.nanoTime();
        } while (now < end);
        return steps * batch * (double) trainFlopsNeeded(W1_WIDTHS) / ((now - start) / 1e9) / 1e9;
    }

    /** {@code c = op(a) · op(b)}. */
    private interface Gemm {
        void run(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB);
    }

    /** Row-major, contiguous float32 matrices straight into OpenBLAS. */
    private static void cblas(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transA ? a.size(0) : a.size(1));
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f,
                new FloatPointer(a.data().addressPointer()), (int) a.size(1),
                new FloatPointer(b.data().addressPointer()), (int) b.size(1), 0f,
                new FloatPointer(c.data().addressPointer()), (int) c.size(1));
    }
}
