package dev.imagetagger.customruntime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The custom runtime's native libraries, unpacked into {@code native/} at build time: ONNX Runtime and the Runtime
 * Interface Client otherwise copy theirs out of their jars into {@code /tmp} at every cold start (ONNX Runtime's are
 * 20 MB, inflated). The bootstrap points both at {@code native/} ({@code onnxruntime.native.path}, and the client's
 * {@code NativeClient.JNI}); ONNX Runtime's jar is rewritten without its copies.
 */
final class NativeLibraries {

    private NativeLibraries() {
    }

    /** Unpacks the libraries of {@code platform} ({@code linux-x64} or {@code linux-aarch64}) in the task root. */
    static void unpack(Path task, String platform) throws IOException {
        Path target = Files.createDirectories(task.resolve("native"));
        String onnxRuntime = "ai/onnxruntime/native/" + platform + "/";
        try (Stream<Path> jars = Files.list(task.resolve("app/lib"))) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().contains("onnxruntime")).toList()) {
                Path rewritten = jar.resolveSibling(jar.getFileName() + ".part");
                try (ZipFile in = new ZipFile(jar.toFile());
                        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
                    for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements();) {
                        ZipEntry entry = entries.nextElement();
                        try (InputStream data = in.getInputStream(entry)) {
                            if (entry.getName().startsWith(onnxRuntime) && entry.getName().endsWith(".so")) {
                                Files.copy(data, target.resolve(entry.getName().substring(onnxRuntime.length())),
                                        StandardCopyOption.REPLACE_EXISTING);
                            } else if (!entry.getName().startsWith("ai/onnxruntime/native/")) {
                                out.putNextEntry(new ZipEntry(entry.getName()));
                                data.transferTo(out);
                                out.closeEntry();
                            }
                        }
                    }
                }
                Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.exists(target.resolve("libonnxruntime.so")) || !Files.exists(target.resolve("libonnxruntime4j_jni.so"))) {
            throw new IllegalStateException("No ONNX Runtime libraries for " + platform + " in app/lib");
        }
        String client = platform.equals("linux-aarch64") ? "linux-aarch_64" : "linux-x86_64";
        try (Stream<Path> jars = Files.list(task.resolve("ric"))) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().contains("runtime-interface-client")).toList()) {
                try (ZipFile in = new ZipFile(jar.toFile())) {
                    ZipEntry library = in.getEntry("jni/libaws-lambda-jni." + client + ".so");
                    if (library == null) {
                        throw new IllegalStateException("No Runtime Interface Client library for " + client);
                    }
                    try (InputStream data = in.getInputStream(library)) {
                        Files.copy(data, target.resolve("libaws-lambda-jni.so"), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
