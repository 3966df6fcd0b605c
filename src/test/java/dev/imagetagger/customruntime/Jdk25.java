package dev.imagetagger.customruntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the JDK 25 (or later) whose jlink and AOT cache the custom runtime is built with: {@code -Daot.jdk}, else the
 * JDK running the build, else {@code JAVA_HOME_25_X64} / {@code JAVA_HOME_25_ARM64} (GitHub's setup-java), else
 * {@code JAVA_HOME}, else a JDK 25 under {@code /usr/lib/jvm}.
 */
final class Jdk25 {

    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private Jdk25() {
    }

    static Path find(String configured) throws IOException {
        if (!configured.isBlank()) {
            Path jdk = Path.of(configured);
            return feature(jdk).filter(v -> v >= 25).map(v -> jdk).orElseThrow(() -> new IllegalStateException(
                    "-Daot.jdk=" + configured + " is not a JDK 25 or later with jlink (its release file, "
                            + "bin/java and bin/jlink). The custom runtime needs one."));
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        for (String variable : List.of("JAVA_HOME_25_X64", "JAVA_HOME_25_ARM64", "JAVA_HOME")) {
            Optional.ofNullable(System.getenv(variable)).map(Path::of).ifPresent(candidates::add);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> installed = Files.list(jvms)) {
                installed.sorted().forEach(candidates::add);
            }
        }
        for (Path jdk : candidates) {
            if (feature(jdk).filter(v -> v >= 25).isPresent()) {
                return jdk;
            }
        }
        throw new IllegalStateException("The custom runtime (./mvnw package -Daot, and ./mvnw verify) needs a JDK 25 "
                + "or later for jlink and the AOT cache, and found none (looked at " + candidates + "). Install one "
                + "(e.g. Temurin 25) and pass -Daot.jdk=/path/to/jdk-25, or run Maven on it.");
    }

    /** The JDK's feature version from its release file, if it is a JDK with jlink. */
    private static Optional<Integer> feature(Path jdk) {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(jdk.resolve("bin/jlink"))
                || !Files.isExecutable(jdk.resolve("bin/java"))) {
            return Optional.empty();
        }
        try {
            Matcher version = VERSION.matcher(Files.readString(release));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
