package dev.imagetagger.customruntime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The custom runtime's native libraries, unpacked into {@code native/} at build time: ONNX Runtime and the Runtime
 * Interface Client otherwise copy theirs out of their jars into {@code /tmp} at every cold start (ONNX Runtime's are
 * 20 MB, inflated). The bootstrap points both at {@code native/} ({@code onnxruntime.native.path}, and the client's
 * {@code NativeClient.JNI}); {@link OneJar} leaves ONNX Runtime's copies out of the function's jar.
 */
final class NativeLibraries {

    private NativeLibraries() {
    }

    /**
     * Unpacks the libraries of {@code platform} ({@code linux-x64} or {@code linux-aarch64}) from the function's
     * {@code jars} and the client's, in the task root.
     */
    static void unpack(List<Path> jars, Path task, String platform) throws IOException {
        Path target = Files.createDirectories(task.resolve("native"));
        String onnxRuntime = "ai/onnxruntime/native/" + platform + "/";
        for (Path jar : jars.stream().filter(j -> j.getFileName().toString().contains("onnxruntime")).toList()) {
            try (ZipFile in = new ZipFile(jar.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements();) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().startsWith(onnxRuntime) && entry.getName().endsWith(".so")) {
                        try (InputStream data = in.getInputStream(entry)) {
                            Files.copy(data, target.resolve(entry.getName().substring(onnxRuntime.length())),
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
        if (!Files.exists(target.resolve("libonnxruntime.so")) || !Files.exists(target.resolve("libonnxruntime4j_jni.so"))) {
            throw new IllegalStateException("No ONNX Runtime libraries for " + platform + " in the function's jars");
        }
        String client = platform.equals("linux-aarch64") ? "linux-aarch_64" : "linux-x86_64";
        try (Stream<Path> ric = Files.list(task.resolve("ric"))) {
            for (Path jar : ric.filter(j -> j.getFileName().toString().contains("runtime-interface-client")).toList()) {
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
