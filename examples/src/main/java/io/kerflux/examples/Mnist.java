package io.kerflux.examples;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bundled MNIST subset (8,000 train and 2,000 test digits, see {@code mnist/README.md} beside
 * the data for its source and licences), read from the standard gzip IDX files on the classpath.
 *
 * @param x images scaled to [0, 1], shape {@code (n, 784)} (or {@code (n, 28, 28, 1)} via {@link
 *     #images4d()})
 * @param labels digit labels {@code (n,)}
 */
public record Mnist(INDArray x, int[] labels) {

    /** @return the 8,000 training digits */
    public static Mnist train() {
        return load("train");
    }

    /** @return the 2,000 held-out test digits */
    public static Mnist test() {
        return load("test");
    }

    /** @return the images as {@code (n, 28, 28, 1)}, channels last */
    public INDArray images4d() {
        return x.reshape('c', x.size(0), 28, 28, 1);
    }

    /** @return one-hot labels {@code (n, 10)} */
    public INDArray oneHot() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, 10);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1f);
        }
        return y;
    }

    private static Mnist load(String split) {
        byte[] pixels = read(split + "-images-idx3-ubyte.gz", 2051);
        byte[] labelBytes = read(split + "-labels-idx1-ubyte.gz", 2049);
        int n = labelBytes.length;
        if (pixels.length != n * 784) {
            throw new IllegalStateException("MNIST " + split + ": " + pixels.length + " pixels for " + n + " labels");
        }
        float[] values = new float[pixels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (pixels[i] & 0xff) / 255f;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = labelBytes[i];
        }
        return new Mnist(Nd4j.create(values, new long[] {n, 784}, 'c'), labels);
    }

    /** Reads an IDX file: magic number, dimension sizes, then the unsigned bytes. */
    private static byte[] read(String file, int magic) {
        String resource = "mnist/" + file;
        try (InputStream raw = Mnist.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("Missing bundled data file " + resource);
            }
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            int m = in.readInt();
            if (m != magic) {
                throw new IllegalStateException(resource + ": expected IDX magic " + magic + " but found " + m);
            }
            int dims = magic & 0xff;
            long size = 1;
            for (int d = 0; d < dims; d++) {
                size *= in.readInt();
            }
            byte[] data = new byte[Math.toIntExact(size)];
            in.readFully(data);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
