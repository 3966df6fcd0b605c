package dev.imagetagger;

import java.nio.file.Path;
import java.util.Map;

import dev.imagetagger.fixtures.ManagedJavaRuntime;
import dev.imagetagger.fixtures.RuntimeProcess;

/**
 * The deploy artifact of the JVM build, {@code target/function.zip}, run the way Lambda's managed {@code java21}
 * runtime runs it: AWS's Runtime Interface Client loads it from an unzipped task root with the SAM template's handler
 * (see {@link DeployedFunctionTests} for what it goes through).
 */
class ManagedJavaRuntimeIT extends DeployedFunctionTests {

    @Override
    RuntimeProcess start(Path taskRoot, String runtimeApi, Map<String, String> configuration) {
        return ManagedJavaRuntime.start(taskRoot, runtimeApi, configuration,
                Path.of("target", "managed-java-runtime.log"));
    }

    @Override
    String description() {
        return "Managed Java runtime (Runtime Interface Client, " + System.getProperty("java.version") + ")";
    }

    @Override
    Path libraries(Path taskRoot) {
        return taskRoot.resolve("lib");
    }
}
