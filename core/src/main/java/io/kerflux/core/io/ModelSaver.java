package io.kerflux.core.io;

import io.kerflux.core.models.Sequential;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes models: Keras 2 HDF5 ({@code .h5}, {@code .hdf5}) or a Keras 3 style {@code .keras} archive. */
final class ModelSaver {
    private ModelSaver() { }

    static void save(Sequential model, Path path) throws IOException {
        requireBuilt(model);
        if (path.getFileName().toString().endsWith(".keras")) {
            saveArchive(model, path);
        } else {
            Hdf5Writer.saveKeras2(model, path);
        }
    }

    static void saveWeights(Sequential model, Path path) throws IOException {
        requireBuilt(model);
        if (path.getFileName().toString().endsWith(".keras")) {
            throw new IllegalArgumentException("save_weights writes HDF5; a .keras archive holds a whole model, use "
                    + "save(). Received: filepath=" + path);
        }
        if (path.getFileName().toString().endsWith(".weights.h5")) {
            Hdf5Writer.saveKeras3Weights(model, path);
        } else {
            Hdf5Writer.saveKeras2Weights(model, path);
        }
    }

    private static void requireBuilt(Sequential model) {
        if (!model.isBuilt()) {
            throw new IllegalStateException("This model has not yet been built; build it before saving it.");
        }
    }

    /** The Keras 3 archive: metadata.json, config.json and model.weights.h5, stored uncompressed as Keras does. */
    private static void saveArchive(Sequential model, Path path) throws IOException {
        Map<String, Object> config = Keras3Config.of(model);
        Map<String, Object> metadata = Keras3Config.metadata();
        Path weights = Files.createTempFile("kerflux-", ".weights.h5");
        try {
            Hdf5Writer.saveKeras3Weights(model, weights);
            try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
                stored(zip, "metadata.json", ModelJson.write(metadata).getBytes(StandardCharsets.UTF_8));
                stored(zip, "config.json", ModelJson.write(config).getBytes(StandardCharsets.UTF_8));
                stored(zip, "model.weights.h5", Files.readAllBytes(weights));
            }
        } finally {
            Files.deleteIfExists(weights);
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}
