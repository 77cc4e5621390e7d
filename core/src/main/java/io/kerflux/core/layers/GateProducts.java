package io.kerflux.core.layers;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Matrix products with kernels made of gate blocks ({@code (rows, gates·units)}, Keras' layout),
 * all through the fast gemm path.
 *
 * <p>When every gate has the same input (no dropout, or Keras' implementation 2) a product is one
 * gemm with the whole kernel; with one input per gate (implementation 1 dropout) each gate block is
 * multiplied on its own. Column blocks of the recurrent kernel that the cells use separately are
 * copied once per forward pass, and their gradients are gathered in contiguous buffers that
 * {@link #endBackward} adds into the kernel's gradient.
 */
final class GateProducts {
    private final int units;
    private final int gates;
    private final Weight recurrentKernel;
    private final Map<Integer, INDArray> slices = new HashMap<>();
    private final Map<Integer, INDArray> sliceGradients = new HashMap<>();

    /**
     * @param units the width of a gate block
     * @param gates the number of gate blocks
     * @param recurrentKernel the recurrent kernel {@code (units, gates·units)}
     */
    GateProducts(int units, int gates, Weight recurrentKernel) {
        this.units = units;
        this.gates = gates;
        this.recurrentKernel = recurrentKernel;
    }

    /** Forgets the copied kernel blocks: the kernel may have changed since the last pass. */
    void beginForward() {
        slices.clear();
    }

    /** Starts gathering recurrent kernel gradients; the caller zeroes the kernel's gradient. */
    void beginBackward() {
        sliceGradients.clear();
    }

    /** Adds the gathered block gradients into the recurrent kernel's gradient. */
    void endBackward() {
        for (Map.Entry<Integer, INDArray> e : sliceGradients.entrySet()) {
            int from = e.getKey() / 16;
            int n = e.getKey() % 16;
            recurrentKernel.gradient().get(NDArrayIndex.all(), columns(from, n)).addi(e.getValue());
        }
    }

    private INDArrayIndex columns(int from, int n) {
        return NDArrayIndex.interval((long) from * units, (long) (from + n) * units);
    }

    /**
     * Columns of gate {@code g} of a {@code (rows, gates·units)} array: a view.
     *
     * @param a the array
     * @param g the gate index
     * @return the view
     */
    INDArray gate(INDArray a, int g) {
        return a.get(NDArrayIndex.all(), columns(g, 1));
    }

    /**
     * {@code out = [xs_g · w_g]} over the gates.
     *
     * @param xs one input for all gates, or one per gate
     * @param w the kernel
     * @param out the result, {@code (rows, gates·units)}
     */
    void input(INDArray[] xs, INDArray w, INDArray out) {
        if (xs.length == 1) {
            Nd4j.gemm(xs[0], w, out, false, false, 1.0, 0.0);
            return;
        }
        for (int g = 0; g < xs.length; g++) {
            gate(out, g).assign(product(xs[g], gate(w, g).dup('c'), false, false));
        }
    }

    /**
     * The kernel gradient of {@link #input}, written into {@code dw}.
     *
     * @param xs the inputs of the forward call
     * @param dOut dL/d out
     * @param dw the kernel gradient, overwritten
     */
    void inputWeightGradient(INDArray[] xs, INDArray dOut, INDArray dw) {
        if (xs.length == 1) {
            Nd4j.gemm(xs[0], dOut, dw, true, false, 1.0, 0.0);
            return;
        }
        for (int g = 0; g < xs.length; g++) {
            gate(dw, g).assign(product(xs[g], gate(dOut, g).dup('c'), true, false));
        }
    }

    /**
     * The input gradient of {@link #input} where each input was {@code x · masks[g]}.
     *
     * @param dOut dL/d out
     * @param w the kernel
     * @param masks the dropout masks of the inputs, or null
     * @return dL/d x
     */
    INDArray inputGradient(INDArray dOut, INDArray w, INDArray @Nullable [] masks) {
        if (masks == null || masks.length == 1) {
            INDArray dx = product(dOut, w, false, true);
            return masks == null ? dx : dx.muli(masks[0]);
        }
        INDArray dx = Nd4j.zeros(dOut.dataType(), dOut.size(0), w.size(0));
        for (int g = 0; g < masks.length; g++) {
            dx.addi(product(gate(dOut, g).dup('c'), gate(w, g).dup('c'), false, true).muli(masks[g]));
        }
        return dx;
    }

    /**
     * The recurrent product of gates {@code [from, from + n)}: {@code (batch, n·units)}.
     *
     * @param hs one recurrent input for all these gates, or one per gate (indexed by gate)
     * @return a new array
     */
    INDArray recurrent(INDArray[] hs, int from, int n) {
        if (hs.length == 1) {
            return product(hs[0], slice(from, n), false, false);
        }
        INDArray out = Nd4j.createUninitialized(hs[0].dataType(), hs[0].size(0), (long) n * units);
        for (int g = from; g < from + n; g++) {
            gate(out, g - from).assign(product(hs[g], slice(g, 1), false, false));
        }
        return out;
    }

    /**
     * The backward pass of {@link #recurrent}: accumulates the recurrent kernel's gradient.
     *
     * @param hs the inputs given to the forward call
     * @param dOut dL/d product, {@code (batch, n·units)}, contiguous
     * @return dL/d each input, as many as {@code hs}; entries for gates outside the range are null
     */
    INDArray[] recurrentBackward(INDArray[] hs, INDArray dOut, int from, int n) {
        INDArray[] dh = new INDArray[hs.length];
        if (hs.length == 1) {
            Nd4j.gemm(hs[0], dOut, sliceGradient(from, n), true, false, 1.0, 1.0);
            dh[0] = product(dOut, slice(from, n), false, true);
            return dh;
        }
        for (int g = from; g < from + n; g++) {
            INDArray dg = gate(dOut, g - from).dup('c');
            Nd4j.gemm(hs[g], dg, sliceGradient(g, 1), true, false, 1.0, 1.0);
            dh[g] = product(dg, slice(g, 1), false, true);
        }
        return dh;
    }

    private INDArray slice(int from, int n) {
        if (from == 0 && n == gates) {
            return recurrentKernel.value();
        }
        return slices.computeIfAbsent(from * 16 + n,
                key -> recurrentKernel.value().get(NDArrayIndex.all(), columns(from, n)).dup('c'));
    }

    private INDArray sliceGradient(int from, int n) {
        if (from == 0 && n == gates) {
            return recurrentKernel.gradient();
        }
        return sliceGradients.computeIfAbsent(from * 16 + n,
                key -> Nd4j.zeros(recurrentKernel.gradient().dataType(), units, (long) n * units));
    }

    /** {@code op(a) · op(b)} into a new array. */
    private static INDArray product(INDArray a, INDArray b, boolean transA, boolean transB) {
        INDArray out = Nd4j.createUninitialized(a.dataType(), transA ? a.size(1) : a.size(0),
                transB ? b.size(0) : b.size(1));
        Nd4j.gemm(a, b, out, transA, transB, 1.0, 0.0);
        return out;
    }
}
