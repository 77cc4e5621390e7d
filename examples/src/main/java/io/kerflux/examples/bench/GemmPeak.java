package io.kerflux.examples.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hardware ceiling for W1: the float32 gemms of one training step of a 784-512-512-10 MLP at
 * batch 128, run alone through {@code Nd4j.gemm} into preallocated arrays.
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
     * @return GFLOP/s
     */
    static double w1StepGflops(int batch, double seconds) {
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
        Runnable step = () -> {
            for (int i = 0; i < layers; i++) {
                Nd4j.gemm(acts[i], kernels[i], acts[i + 1], false, false, 1.0, 0.0);
            }
            for (int i = layers - 1; i >= 0; i--) {
                Nd4j.gemm(acts[i], grads[i + 1], kernelGrads[i], true, false, 1.0, 0.0);
                if (i > 0) {
                    Nd4j.gemm(grads[i + 1], kernels[i], grads[i], false, true, 1.0, 0.0);
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
}
