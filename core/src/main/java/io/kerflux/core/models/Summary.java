package io.kerflux.core.models;

import io.kerflux.core.layers.Layer;
import io.kerflux.core.layers.Weight;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Keras 2's {@code print_summary} for sequential models: line length 65, columns at 29 and 55. */
final class Summary {
    private static final int LINE = 65;
    private static final int[] POSITIONS = {29, 55, 65};

    private Summary() { }

    static void print(Sequential model, Consumer<String> out) {
        out.accept("Model: \"" + model.name() + "\"");
        out.accept("_".repeat(LINE));
        out.accept(row("Layer (type)", "Output Shape", "Param #"));
        out.accept("=".repeat(LINE));
        List<Layer> layers = model.layers();
        long[] shape = model.inputShape();
        long trainable = 0;
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            shape = l.computeOutputShape(shape);
            long params = l.countParams();
            total += params;
            trainable += l.trainableWeights().stream().mapToLong(Summary::size).sum();
            out.accept(row(l.name() + " (" + l.className() + ")", Layer.shapeString(shape), Long.toString(params)));
            out.accept((i == layers.size() - 1 ? "=" : "_").repeat(LINE));
        }
        out.accept(String.format(Locale.ROOT, "Total params: %,d", total));
        out.accept(String.format(Locale.ROOT, "Trainable params: %,d", trainable));
        out.accept(String.format(Locale.ROOT, "Non-trainable params: %,d", total - trainable));
        out.accept("_".repeat(LINE));
    }

    private static long size(Weight w) {
        return w.value().length();
    }

    /** Keras' print_row: each field is cut at its column end and padded, the last char before a field is a space. */
    private static String row(String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.setLength(line.length() - 1);
                line.append(' ');
            }
            line.append(fields[i]);
            if (line.length() > POSITIONS[i]) {
                line.setLength(POSITIONS[i]);
            }
            while (line.length() < POSITIONS[i]) {
                line.append(' ');
            }
        }
        return line.toString();
    }
}
