package dev.imagetagger;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.CustomRuntime;
import dev.imagetagger.fixtures.RuntimeProcess;

/**
 * The custom-runtime build ({@code ./mvnw package -Daot}; {@code ./mvnw verify} builds it into
 * {@code target/aot/function.zip}) run the way Lambda's {@code provided.al2023} runs it: unzipped into a task root,
 * through the {@code bootstrap} at its root, with its own JDK and AOT cache (see {@link DeployedFunctionTests} for what
 * it goes through).
 */
class CustomRuntimeIT extends DeployedFunctionTests {

    private static final Path CLASS_LOADING = Path.of("target", "custom-runtime-classes.log").toAbsolutePath();

    @Override
    RuntimeProcess start(Path taskRoot, String runtimeApi, Map<String, String> configuration) {
        Map<String, String> environment = new HashMap<>(configuration);
        // The JVM logs each class it loads, and where from: the AOT cache, or a jar.
        environment.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + CLASS_LOADING);
        return CustomRuntime.unzipAndStart(Path.of(System.getProperty("custom-runtime.zip",
                "target/aot/function.zip")), taskRoot, runtimeApi, environment,
                Path.of("target", "custom-runtime.log"));
    }

    @Override
    String description() {
        return "Custom runtime (bootstrap, jlink-ed JDK 25, AOT cache)";
    }

    @Override
    Path libraries(Path taskRoot) {
        return taskRoot.resolve("app");
    }

    /** Unpacked beside the jars at build time, and no longer in them, for the machine that built the artifact. */
    @Override
    List<String> expectedOnnxRuntimeLibraries(String platform) {
        return List.of("native/libonnxruntime.so (" + platform + ")", "native/libonnxruntime4j_jni.so (" + platform
                + ")");
    }

    @Override
    List<String> shippedOnnxRuntimeLibraries(Path taskRoot, String platform) throws IOException {
        List<String> libraries = new ArrayList<>(super.shippedOnnxRuntimeLibraries(taskRoot, platform));
        try (Stream<Path> files = Files.list(taskRoot.resolve("native"))) {
            for (Path library : files.filter(f -> f.getFileName().toString().startsWith("libonnxruntime")).toList()) {
                libraries.add("native/" + library.getFileName() + " (" + elfPlatform(library) + ")");
            }
        }
        Collections.sort(libraries);
        return libraries;
    }

    /** The platform an ELF shared library is built for, from its header's e_machine. */
    private static String elfPlatform(Path library) throws IOException {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(library)) {
            in.readNBytes(header, 0, header.length);
        }
        int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8;
        return machine == 62 ? "linux-x64" : machine == 183 ? "linux-aarch64" : "e_machine " + machine;
    }

    /**
     * The function's classes come from the AOT cache, not from its jars: the cache holds only for the JDK, class path
     * and jars of the training run, and the JVM silently loads from the jars when they differ.
     */
    @Test
    void theFunctionsClassesComeFromTheAotCache() throws IOException {
        List<String> loaded;
        try (Stream<String> lines = Files.lines(CLASS_LOADING)) {
            loaded = lines.filter(line -> line.contains(" dev.imagetagger.") || line.contains(" io.quarkus."))
                    .toList();
        }
        List<String> fromJars = loaded.stream().filter(line -> !line.contains("source: shared objects file"))
                .toList();
        System.out.printf("Custom runtime: %d of the function's and Quarkus' classes from the AOT cache, %d from "
                + "jars%n", loaded.size() - fromJars.size(), fromJars.size());
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" dev.imagetagger.lambda.ManagedRuntimeHandler "
                + "source: shared objects file")), () -> String.join("\n", loaded));
        assertTrue(fromJars.size() * 10 < loaded.size(), () -> String.join("\n", fromJars));
    }
}
