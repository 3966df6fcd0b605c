package dev.imagetagger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Real fixtures: photos and models from the shared folder beside the checkout, events from {@code events/}. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A path inside the shared folder ({@code -Dshared.dir}, by default {@code ../shared}). */
    public static Path shared(String relative) {
        return Path.of(System.getProperty("shared.dir", "../shared")).resolve(relative);
    }

    public static byte[] sharedBytes(String relative) {
        try {
            return Files.readAllBytes(shared(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample event from {@code events/}, as a mutable JSON tree. */
    public static ObjectNode event(String name) {
        try {
            return (ObjectNode) JSON.readTree(Path.of("events", name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
