package dev.imagetagger.customruntime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * The function's jars merged into one, for the custom runtime's class path. Any search of the class path (a
 * {@link java.util.ServiceLoader}, the JDK's look-up of a system logger, a missing resource) opens every jar on it:
 * with the JVM build's 170 jars, that was some 40 ms of Init, which the AOT cache cannot hold. Merged:
 * <ul>
 * <li>the first jar that holds an entry wins, in class-path order, as the class loader would pick it;</li>
 * <li>service files and Netty's version properties, of which every copy counts, are joined;</li>
 * <li>signatures, indexes and module descriptors, which describe one jar, are dropped, and so are ONNX Runtime's
 * native libraries, which {@link NativeLibraries} unpacks;</li>
 * <li>the result is multi-release if any jar was, so that their {@code META-INF/versions} entries still apply;</li>
 * <li>the model is stored uncompressed, so that start-up reads it without inflating 3.5 MB;</li>
 * <li>the configuration files go to a jar of their own: SmallRye Config reads them through a zip file system of the
 * jar that holds them, which reads the jar's whole directory (20,000 entries merged, 30 ms each time).</li>
 * </ul>
 */
final class OneJar {

    private static final Pattern JOINED = Pattern.compile(
            "META-INF/services/.+|META-INF/io\\.netty\\.versions\\.properties");
    private static final Pattern DROPPED = Pattern.compile("META-INF/MANIFEST\\.MF|META-INF/INDEX\\.LIST"
            + "|META-INF/[^/]+\\.(SF|RSA|DSA|EC)|(META-INF/versions/\\d+/)?module-info\\.class"
            + "|ai/onnxruntime/native/.+");
    private static final Pattern STORED = Pattern.compile("model/.+\\.onnx");
    private static final Pattern CONFIGURATION = Pattern.compile(
            "application\\.properties|META-INF/microprofile-config\\.properties");

    private OneJar() {
    }

    /**
     * Writes {@code jars}, merged in their order, to {@code target}, and their configuration files to
     * {@code configuration}, every entry with the time {@code millis}.
     */
    static void merge(List<Path> jars, Path target, Path configuration, long millis) throws IOException {
        Map<String, byte[]> joined = new LinkedHashMap<>();
        Set<String> written = new HashSet<>();
        boolean multiRelease = false;
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target));
                JarOutputStream config = new JarOutputStream(Files.newOutputStream(configuration))) {
            out.setLevel(9);
            for (Path jar : jars) {
                try (JarFile in = new JarFile(jar.toFile(), false)) {
                    Manifest manifest = in.getManifest();
                    multiRelease |= manifest != null
                            && "true".equalsIgnoreCase(manifest.getMainAttributes().getValue("Multi-Release"));
                    for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements();) {
                        ZipEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (entry.isDirectory() || DROPPED.matcher(name).matches()) {
                            continue;
                        }
                        try (InputStream data = in.getInputStream(entry)) {
                            if (JOINED.matcher(name).matches()) {
                                joined.merge(name, withNewline(data.readAllBytes()), OneJar::concat);
                            } else if (written.add(name)) {
                                write(CONFIGURATION.matcher(name).matches() ? config : out, name, data.readAllBytes(),
                                        millis);
                            }
                        }
                    }
                }
            }
            for (Map.Entry<String, byte[]> entry : joined.entrySet()) {
                write(out, entry.getKey(), entry.getValue(), millis);
            }
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (multiRelease) {
                manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
            }
            // Last in the zip, yet found: a JarFile looks its manifest up by name.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            manifest.write(bytes);
            write(out, JarFile.MANIFEST_NAME, bytes.toByteArray(), millis);
        }
    }

    private static void write(JarOutputStream out, String name, byte[] data, long millis) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(millis);
        if (STORED.matcher(name).matches()) {
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(data.length);
            entry.setCompressedSize(data.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(data);
        out.closeEntry();
    }

    private static byte[] withNewline(byte[] data) {
        return data.length == 0 || data[data.length - 1] == '\n' ? data : concat(data, new byte[] { '\n' });
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** The jars of a Quarkus JVM build, in its class-path order: the runner jar, then its manifest's Class-Path. */
    static List<Path> classPathOf(Path runnerJar) throws IOException {
        try (JarFile jar = new JarFile(runnerJar.toFile(), false)) {
            String classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            List<Path> jars = new ArrayList<>(List.of(runnerJar));
            for (String relative : classPath.trim().split("\\s+")) {
                jars.add(runnerJar.resolveSibling(relative));
            }
            return jars;
        }
    }
}
