package dev.imagetagger.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the files a model descriptor names: a filesystem path, or {@code classpath:} for a packaged resource. */
final class ModelFiles {

    private static final String CLASSPATH = "classpath:";

    private ModelFiles() {
    }

    static byte[] read(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String resource = location.substring(CLASSPATH.length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ModelMismatchException("No resource " + resource + " is packaged in the artifact ("
                                + location + "). Build with the model fetched (see README: model mirror).");
                    }
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(Path.of(location));
        } catch (NoSuchFileException e) {
            throw new ModelMismatchException("Model file not found: " + location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }
}
