package dev.imagetagger.image.jpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.imagetagger.fixtures.Shared;

/** The shared JPEG files, by what this decoder should do with them. */
public final class JpegCorpus {

    private JpegCorpus() {
    }

    /** Every JPEG the decoder handles: ImageNet photos, the JPEG variants, the structure set, the large photos. */
    public static List<Path> supported() {
        return Stream.of(
                files("imagenet-sample", name -> name.endsWith(".JPEG")),
                files("formats", name -> name.endsWith(".jpg") && !name.contains("cmyk")),
                files("jpeg-structures", name -> name.endsWith(".jpg") && !name.contains("arithmetic")),
                files("large", name -> name.endsWith(".jpg")))
                .flatMap(List::stream).toList();
    }

    /** Valid JPEGs outside the decoder's scope: arithmetic coding, CMYK. */
    static List<Path> unsupported() {
        return Stream.of(
                files("formats", name -> name.endsWith(".jpg") && name.contains("cmyk")),
                files("jpeg-structures", name -> name.contains("arithmetic")))
                .flatMap(List::stream).toList();
    }

    static List<Path> files(String set, Predicate<String> name) {
        try (Stream<Path> files = Files.list(Shared.images(set))) {
            return files.filter(f -> name.test(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
