package io.kerflux.examples.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** NumPy {@code .npy} files (format 1.0, little-endian float32, C order): the arrays shared with the Python check. */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() { }

    /** Writes an array as {@code <f4}. */
    static void write(Path path, INDArray a) throws IOException {
        long[] shape = a.shape();
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "")
                + "), }";
        // numpy pads the header with spaces so that the data starts on a 64-byte boundary
        int unpadded = MAGIC.length + 2 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        float[] data = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + header.length() + 4 * data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float f : data) {
            b.putFloat(f);
        }
        Files.write(path, b.array());
    }

    /** Reads a {@code <f4} array written by {@link #write}. */
    static INDArray read(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(MAGIC.length);
        byte[] header = new byte[b.getShort() & 0xffff];
        b.get(header);
        String h = new String(header, StandardCharsets.US_ASCII);
        if (!h.contains("'<f4'") || !h.contains("'fortran_order': False")) {
            throw new IllegalArgumentException(path + ": only little-endian float32 C-order arrays are read. Header: " + h);
        }
        int open = h.indexOf("'shape': (") + "'shape': (".length();
        long[] shape = Arrays.stream(h.substring(open, h.indexOf(')', open)).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        float[] data = new float[b.remaining() / 4];
        b.asFloatBuffer().get(data);
        return Nd4j.create(data, shape, 'c');
    }
}
