package dev.imagetagger.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the files a model descriptor names: a filesystem path, or {@code classpath:} for a packaged resource. */
final class ModelFiles {

    private static final String CLASSPATH = "classpath:";

    private ModelFiles() {
    }

    /**
     * The sha256 that the build verified and packaged beside a {@code classpath:} model ({@code <file>.sha256}), if it
     * did: hashing the model at each start-up would cost some 30 ms of Init.
     */
    static Optional<String> packagedSha256(String location) {
        if (!location.startsWith(CLASSPATH)) {
            return Optional.empty();
        }
        String resource = location.substring(CLASSPATH.length()) + ".sha256";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in == null
                    ? Optional.empty()
                    : Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
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
