package dev.imagetagger.customruntime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds the custom-runtime deploy artifact ({@code ./mvnw package -Daot}; run by the pom after the JVM build):
 * <ol>
 * <li>a JDK 25 cut down by jlink to the modules the function needs ({@code java/});</li>
 * <li>the JVM build's jars merged into {@code app/function.jar} and {@code app/config.jar} ({@link OneJar}), and AWS's
 * Runtime Interface Client ({@code ric/}), named one by one in {@code classpath}, their native libraries unpacked
 * ({@link NativeLibraries}), and {@code src/main/aot/bootstrap};</li>
 * <li>an AOT cache ({@code function.aot}) written by a {@link TrainingRun} of that very tree through its bootstrap;</li>
 * <li>{@code function.zip} of the tree, {@code bootstrap} at its root.</li>
 * </ol>
 * The AOT cache holds only for the JDK that wrote it and for the class path it was trained with, jar by jar (path
 * relative to the task root, size, modification time): every file gets one fixed time, written into the zip in UTC.
 * Configured by system properties (see the pom): {@code aot.jdk}, {@code aot.modules}, {@code aot.dir},
 * {@code aot.runner-jar}, {@code aot.install}, {@code lambda.ric.dir}, {@code onnxruntime.platform}.
 */
public final class CustomRuntimeBuild {

    /** The one modification time of every file of the artifact, an even second as zip's DOS times need. */
    static final Instant FILE_TIME = Instant.parse("2025-01-01T00:00:00Z");

    /**
     * java.desktop's libraries that the function, headless, never loads: the X11 toolkit, the native AWT interface
     * and the splash screen (all need X11 libraries), sound (ALSA), and fonts with the FreeType they link (no text is
     * drawn). provided.al2023 has no X11 or ALSA (nor FreeType, for a JDK that does not bundle it), so the Lambda
     * image's ldd check would fail on them; the zip is smaller without. What ImageIO loads stays: libawt,
     * libawt_headless, libjavajpeg, liblcms (ICC colour conversion) and libmlib_image (image operations).
     */
    private static final String HEADLESS_UNUSED = String.join(",", "**/libawt_xawt.so", "**/libjawt.so",
            "**/libsplashscreen.so", "**/libjsound.so", "**/libfontmanager.so", "**/libfreetype.so");

    private CustomRuntimeBuild() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long started = System.nanoTime();
        String platform = System.getProperty("onnxruntime.platform", "linux-x64");
        String machine = System.getProperty("os.arch").equals("aarch64") ? "linux-aarch64" : "linux-x64";
        if (!platform.equals(machine)) {
            throw new IllegalStateException("The custom runtime targets the machine that builds it (" + machine
                    + "), but the JVM build's jars carry ONNX Runtime for " + platform + ". Build with "
                    + (machine.equals("linux-x64") ? "-Dlambda.architecture=x86_64" : "-Dlambda.architecture=arm64")
                    + ", or on a machine of the function's architecture.");
        }
        Path jdk = Jdk25.find(System.getProperty("aot.jdk", ""));
        Path out = Path.of(System.getProperty("aot.dir", "target/aot"));
        Path task = out.resolve("task");
        delete(task);
        Files.createDirectories(task);

        jlink(jdk, System.getProperty("aot.modules"), task.resolve("java"));
        List<String> classPath = new ArrayList<>(List.of("app/config.jar", "app/function.jar"));
        List<Path> jars = OneJar.classPathOf(Path.of(System.getProperty("aot.runner-jar")));
        Files.createDirectories(task.resolve("app"));
        OneJar.merge(jars, task.resolve("app/function.jar"), task.resolve("app/config.jar"),
                FILE_TIME.toEpochMilli());
        try (Stream<Path> ric = Files.list(Path.of(System.getProperty("lambda.ric.dir", "target/lambda-ric")))) {
            for (Path jar : ric.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                classPath.add(copy(jar, task, "ric/" + jar.getFileName()));
            }
        }
        Files.writeString(task.resolve("classpath"), String.join(":", classPath) + "\n");
        NativeLibraries.unpack(jars, task, platform);
        copy(Path.of("src/main/aot/bootstrap"), task, "bootstrap");
        Files.setPosixFilePermissions(task.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        fixTimesAndModes(task);
        System.out.printf("Custom runtime: JDK %s cut to %s, application laid out in %d s%n", jdk,
                System.getProperty("aot.modules"), seconds(started));

        long training = System.nanoTime();
        Path cache = TrainingRun.train(task, out);
        Files.move(cache, task.resolve("function.aot"), StandardCopyOption.REPLACE_EXISTING);
        fixTimesAndModes(task);
        System.out.printf("Custom runtime: AOT cache trained in %d s (%d MB)%n", seconds(training),
                Files.size(task.resolve("function.aot")) >> 20);

        Path zip = out.resolve("function.zip");
        zip(task, zip);
        String install = System.getProperty("aot.install", "");
        if (!install.isBlank()) {
            Files.copy(zip, Path.of(install), StandardCopyOption.REPLACE_EXISTING);
            zip = Path.of(install);
        }
        System.out.printf("Custom runtime: %s, %d MB zipped, %d MB unzipped, built in %d s%n", zip,
                Files.size(zip) >> 20, size(task) >> 20, seconds(started));
    }

    private static void jlink(Path jdk, String modules, Path output) throws IOException, InterruptedException {
        // No jmods needed: jlink reads the running JDK's own image. No compression: the modules the cache does not
        // hold load faster uncompressed, and the zip compresses them anyway.
        run(List.of(jdk.resolve("bin/jlink").toString(), "--add-modules", modules, "--strip-debug",
                "--no-header-files", "--no-man-pages", "--exclude-files", HEADLESS_UNUSED, "--output",
                output.toString()));
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroy();
            throw new IllegalStateException("Failed: " + String.join(" ", command));
        }
    }

    private static String copy(Path file, Path task, String name) throws IOException {
        Path target = task.resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        return name;
    }

    private static void fixTimesAndModes(Path task) throws IOException {
        try (Stream<Path> files = Files.walk(task)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(FILE_TIME));
            }
        }
    }

    /**
     * Zips the tree in a fixed order with unix modes (Lambda keeps the executable bits of the bootstrap and of the
     * JDK's programs) and the fixed time.
     */
    private static void zip(Path task, Path zip) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip); Stream<Path> walk = Files.walk(task)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted(Comparator.comparing(f -> name(task, f)))
                    .toList()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(name(task, file));
                entry.setUnixMode(0100000 | (Files.isExecutable(file) ? 0755 : 0644));
                X5455_ExtendedTimestamp time = new X5455_ExtendedTimestamp();
                time.setModifyJavaTime(java.util.Date.from(FILE_TIME));
                entry.addExtraField(time);
                entry.setTime(FILE_TIME.toEpochMilli()); // DOS time, in the build JVM's zone: the pom sets UTC
                entry.setSize(Files.size(file));
                out.putArchiveEntry(entry);
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
                out.closeArchiveEntry();
            }
        }
    }

    private static String name(Path task, Path file) {
        return task.relativize(file).toString().replace('\\', '/');
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }
}
