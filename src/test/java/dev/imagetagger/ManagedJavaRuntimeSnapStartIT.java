package dev.imagetagger;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.ManagedJavaRuntime;
import dev.imagetagger.fixtures.ManagedJavaRuntime.Jvm;
import dev.imagetagger.fixtures.RuntimeApiServer;
import dev.imagetagger.fixtures.RuntimeApiServer.Answer;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The JVM {@code function.zip} under the Runtime Interface Client as Lambda runs a SnapStart version: after Init the
 * client runs the {@code org.crac} checkpoint hooks, asks the Runtime API for {@code restore/next} (where Lambda takes
 * the snapshot and, later, resumes it), runs the restore hooks, and only then polls for work. The S3 warm-up must
 * rehearse before the checkpoint and connect after the restore, and the first invocation must tag its object.
 * <p>
 * The JVM runs with its default tiered compilation, as the {@code java25} runtime starts SnapStart versions, and
 * prints what it compiles: the classification path must be compiled by C2 (tier 4) before the checkpoint.
 */
class ManagedJavaRuntimeSnapStartIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** The hot methods of decoding a JPEG and a PNG, of preprocessing and of postprocessing, in PrintCompilation. */
    private static final List<String> HOT_METHODS = List.of("dev.imagetagger.image.jpeg.ScanDecoder::decodeBlock",
            "dev.imagetagger.image.jpeg.ScaledIdct::islow", "dev.imagetagger.image.jpeg.ColorConverter::yCbCrToRgb",
            "dev.imagetagger.image.png.PixelUnpacker::colour8",
            "dev.imagetagger.image.Resampler$HorizontalPass::filterStrip",
            "dev.imagetagger.image.Preprocessor::normalise", "dev.imagetagger.classify.Postprocessor::softmax");

    @TempDir
    static Path taskRoot;
    private static final S3MockServer S3_MOCK = new S3MockServer();
    private static RuntimeApiServer runtimeApi;
    private static ManagedJavaRuntime runtime;

    @BeforeAll
    static void start() {
        Map<String, String> configuration = new HashMap<>(S3_MOCK.start());
        configuration.keySet().removeIf(property -> !property.startsWith("tagger."));
        configuration.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        runtimeApi = new RuntimeApiServer();
        Jvm jvm = new Jvm(Jvm.current().javaHome(), false, "-XX:+PrintCompilation");
        runtime = ManagedJavaRuntime.start(Path.of(System.getProperty("function.zip", "target/function.zip")), jvm,
                taskRoot, runtimeApi.address(), configuration, Path.of("target", "managed-java-runtime-snapstart.log"));
        runtimeApi.awaitReady(LIMIT);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (runtimeApi != null) {
            runtimeApi.close();
        }
        S3_MOCK.stop();
    }

    @Test
    void theClassificationPathIsCompiledByC2BeforeTheCheckpoint() {
        String log = runtime.log();
        int primed = log.indexOf("Classifier primed for the snapshot: 100 classifications");
        int connected = log.indexOf("S3 client connected");
        assertTrue(primed >= 0 && connected > primed, log);
        String beforeCheckpoint = log.substring(0, connected);
        for (String method : HOT_METHODS) {
            // PrintCompilation: timestamp, compile id, attribute flags, tier, method (size)
            Pattern tier4 = Pattern.compile("(?m)^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s4\\s+" + Pattern.quote(method) + " ");
            assertTrue(tier4.matcher(beforeCheckpoint).find(), method + " not compiled by C2 before the checkpoint");
        }
    }

    @Test
    void theS3ClientRehearsesBeforeTheCheckpointConnectsAfterTheRestoreAndTags() throws IOException {
        assertTrue(runtimeApi.restored(), "the client did not ask for restore/next");
        String log = runtime.log();
        int rehearsed = log.indexOf("S3 request path rehearsed");
        int connected = log.indexOf("S3 client connected");
        assertTrue(rehearsed >= 0 && connected > rehearsed, log);

        S3Client s3 = S3MockServer.client();
        s3.putObject(b -> b.bucket(BUCKET).key("uploads/cups.jpg"),
                RequestBody.fromBytes(Files.readAllBytes(Path.of("events", "objects", "cups.jpg"))));
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ((ObjectNode) event.at("/Records/0/s3/object")).put("key", "uploads/cups.jpg").remove("eTag");

        Answer answer = runtimeApi.invoke(event.toString(), LIMIT);

        assertFalse(answer.error(), answer.body());
        JsonNode results = new ObjectMapper().readTree(answer.body());
        assertEquals("ok", results.at("/results/0/outcome").asText(), answer.body());
        System.out.println("Managed Java runtime with SnapStart hooks: first S3 invocation after restore, ms="
                + answer.millis());
    }
}
