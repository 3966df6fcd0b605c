package dev.imagetagger;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;

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

    private RuntimeProcess runtime;

    @Override
    RuntimeProcess start(Path taskRoot, String runtimeApi, Map<String, String> configuration) {
        runtime = CustomRuntime.unzipAndStart(Path.of(System.getProperty("custom-runtime.zip",
                "target/aot/function.zip")), taskRoot, runtimeApi, configuration,
                Path.of("target", "custom-runtime.log"));
        return runtime;
    }

    @Override
    String description() {
        return "Custom runtime (bootstrap, jlink-ed JDK 25, AOT cache)";
    }

    @Override
    Path libraries(Path taskRoot) {
        return taskRoot.resolve("app/lib");
    }

    /** The JVM says so when it cannot use the AOT cache (another JDK, class path or jar than the training run's). */
    @Test
    void theAotCacheIsUsed() {
        String log = runtime.log();
        assertFalse(log.matches("(?s).*\\[(warning|error)\\]\\[(aot|cds).*"), log);
    }
}
