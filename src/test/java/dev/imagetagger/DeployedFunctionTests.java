package dev.imagetagger;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.events.UnrecognisedEventException;
import dev.imagetagger.fixtures.DemoBucket;
import dev.imagetagger.fixtures.OversizedPng;
import dev.imagetagger.fixtures.RuntimeApiServer;
import dev.imagetagger.fixtures.RuntimeApiServer.Answer;
import dev.imagetagger.fixtures.RuntimeProcess;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import dev.imagetagger.fixtures.Shared;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A deploy artifact run the way Lambda runs it, by a runtime of a subclass ({@link ManagedJavaRuntimeIT},
 * {@link CustomRuntimeIT}), polling a Runtime API served here, while the function reads and tags objects in a real
 * S3-compatible server. Every sample of {@code events/} goes through it, then the error cases; start-up and
 * invocation times are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DeployedFunctionTests {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROBIN_KEY = "uploads/robin in the garden été.jpg";
    private final Map<String, Long> times = new LinkedHashMap<>();

    @TempDir
    static Path taskRoot; // static: JUnit fills instance fields only before each test, after @BeforeAll
    private final S3MockServer s3Mock = new S3MockServer();
    private S3Client s3;
    private RuntimeApiServer runtimeApi;
    private RuntimeProcess runtime;

    /** Unpacks the artifact into {@code taskRoot} and starts its runtime against {@code runtimeApi}. */
    abstract RuntimeProcess start(Path taskRoot, String runtimeApi, Map<String, String> configuration);

    /** What the printed times are of. */
    abstract String description();

    /** The folder of the task root that holds the function's jars. */
    abstract Path libraries(Path taskRoot);

    @BeforeAll
    void start() {
        Map<String, String> s3Config = s3Mock.start();
        s3 = S3MockServer.client();
        warmUpS3Mock();
        runtimeApi = new RuntimeApiServer();
        Map<String, String> configuration = new HashMap<>(s3Config);
        configuration.keySet().removeIf(property -> !property.startsWith("tagger."));
        // A decoding budget beyond the heap, so that the last test meets a real OutOfMemoryError.
        configuration.put("tagger.image.max-pixels", OversizedPng.MAX_PIXELS);
        runtime = start(taskRoot, runtimeApi.address(), configuration);
        times.put("init (process start to the first request for work)",
                (runtimeApi.awaitReady(LIMIT) - runtime.startedNanos()) / 1_000_000);
        times.put("init CPU time, all threads", runtime.cpuMillis());
    }

    /**
     * S3 is always warm: the S3-compatible server's own first calls of each kind (a JVM of its own) are paid here,
     * so that the function's first invocation measures the function.
     */
    private void warmUpS3Mock() {
        for (int round = 0; round < 5; round++) {
            put("warm-up/photo.jpg", "imagenet-sample/n01558993_robin.JPEG");
            tags("warm-up/photo.jpg");
            s3.getObject(b -> b.bucket(BUCKET).key("warm-up/photo.jpg"), ResponseTransformer.toBytes());
            s3.putObjectTagging(b -> b.bucket(BUCKET).key("warm-up/photo.jpg")
                    .tagging(t -> t.tagSet(tag -> tag.key("round").value("warm-up"))));
            tags("warm-up/photo.jpg");
            s3.deleteObject(b -> b.bucket(BUCKET).key("warm-up/photo.jpg"));
        }
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            times.putIfAbsent("resident set size, MB", runtime.residentMegabytes());
            runtime.close();
        }
        if (runtimeApi != null) {
            runtimeApi.close();
        }
        s3Mock.stop();
        System.out.println(description() + ": " + times);
    }

    @Test
    @Order(1)
    void anUploadIsTaggedFromTheFirstInvocationOn() {
        put(ROBIN_KEY, "imagenet-sample/n01558993_robin.JPEG");
        JsonNode first = success(invoke("first S3 invocation", SampleEvents.read("s3-object-created.json")));
        assertEquals("ok", first.at("/results/0/outcome").asText(), first.toString());
        assertEquals("15", tags(ROBIN_KEY).get("tagger-class"));

        put(ROBIN_KEY, "imagenet-sample/n01558993_robin.JPEG"); // a new upload: no tags yet
        JsonNode warm = success(invoke("warm S3 invocation", SampleEvents.read("s3-object-created.json")));
        assertEquals("ok", warm.at("/results/0/outcome").asText(), warm.toString());
    }

    @Test
    @Order(2)
    void anHttpRequestIsClassified() {
        JsonNode first = success(invoke("first HTTP invocation", SampleEvents.read("apigw-http-classify.json")));
        assertEquals(200, first.path("statusCode").asInt(), first.toString());
        assertEquals(968, body(first).at("/predictions/0/index").asInt(), first.toString()); // cup
        success(invoke("warm HTTP invocation", SampleEvents.read("apigw-http-classify.json")));
    }

    @Test
    void eventBridge() {
        put("uploads/zebra.jpg", "imagenet-sample/n02391049_zebra.JPEG");
        JsonNode answer = success(invoke(SampleEvents.read("eventbridge-object-created.json")));
        assertEquals("ok", answer.at("/results/0/outcome").asText(), answer.toString());
        assertEquals("340", tags("uploads/zebra.jpg").get("tagger-class"));
    }

    @Test
    void sns() {
        put("uploads/passenger car.jpg", "imagenet-sample/n03895866_passenger_car.JPEG");
        JsonNode answer = success(invoke(SampleEvents.read("sns-s3-notification.json")));
        assertEquals("ok", answer.at("/results/0/outcome").asText(), answer.toString());
        assertEquals("705", tags("uploads/passenger car.jpg").get("tagger-class"));
    }

    @Test
    void sqsReportsOnlyTheUnreadableMessage() {
        put("uploads/golfcart.jpg", "imagenet-sample/n03445924_golfcart.JPEG");
        put("uploads/daisy.jpg", "imagenet-sample/n11939491_daisy.JPEG");
        JsonNode answer = success(invoke(SampleEvents.read("sqs-s3-notifications.json")));
        assertEquals(List.of("2e1424d4-f796-459a-8184-9c92662be6da"),
                answer.findValuesAsText("itemIdentifier"), answer.toString());
        assertEquals("575", tags("uploads/golfcart.jpg").get("tagger-class"));
        assertEquals("985", tags("uploads/daisy.jpg").get("tagger-class"));
    }

    @Test
    void batchOperations10WithANonImageAndAMissingObject() {
        put("backfill/tench.jpg", "imagenet-sample/n01440764_tench.JPEG");
        s3.putObject(b -> b.bucket(BUCKET).key("backfill/notes 2026.txt"), RequestBody.fromString("not an image"));
        JsonNode answer = success(invoke(SampleEvents.read("batch-operations-1.0.json")));
        assertEquals(List.of("Succeeded", "Succeeded", "Succeeded"), answer.findValuesAsText("resultCode"));
        assertEquals(List.of("ok", "unsupported", "skipped-gone"), answer.findValuesAsText("resultString"));
        assertEquals("0", tags("backfill/tench.jpg").get("tagger-class"));
        assertEquals("unsupported", tags("backfill/notes 2026.txt").get("tagger-status"));
    }

    @Test
    void batchOperations20WithACorruptImage() {
        put("backfill/traffic light.jpg", "imagenet-sample/n06874185_traffic_light.JPEG");
        put("backfill/broken.jpg", "bad/headers-only.jpg");
        JsonNode answer = success(invoke(SampleEvents.read("batch-operations-2.0.json")));
        assertEquals(List.of("ok", "corrupt"), answer.findValuesAsText("resultString"));
        assertEquals("920", tags("backfill/traffic light.jpg").get("tagger-class"));
        assertEquals("corrupt", tags("backfill/broken.jpg").get("tagger-status"));
    }

    /**
     * The photo of the HTTP sample in every format of {@code events/objects/} (JPEG, PNG, WebP, TIFF, GIF, BMP,
     * interlaced PNG, CMYK JPEG): the general decoder's readers are found through ImageIO's plugin registry, which the
     * runtime's class loader must not hide.
     */
    @Test
    void everySampleFormatUploaded() throws IOException {
        List<String> files;
        try (Stream<Path> objects = Files.list(Path.of("events", "objects"))) {
            files = objects.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(8, files.size(), files.toString());
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ArrayNode records = event.withArray("Records");
        JsonNode template = records.remove(0);
        for (String file : files) {
            byte[] photo = Files.readAllBytes(Path.of("events", "objects", file));
            s3.putObject(b -> b.bucket(BUCKET).key("uploads/" + file), RequestBody.fromBytes(photo));
            ObjectNode record = template.deepCopy();
            ((ObjectNode) record.path("s3").path("object")).put("key", "uploads/" + file).remove("eTag");
            records.add(record);
        }
        JsonNode answer = success(invoke(event));
        assertEquals(Collections.nCopies(files.size(), "ok"), answer.findValuesAsText("outcome"), answer.toString());
        for (String file : files) {
            assertEquals("968", tags("uploads/" + file).get("tagger-class"), file); // cup
        }
    }

    @Test
    void aMissingObjectIsASkip() {
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ((ObjectNode) event.at("/Records/0/s3/object")).put("key", "uploads/never+uploaded.jpg").remove("eTag");
        JsonNode answer = success(invoke(event));
        assertEquals("skipped-gone", answer.at("/results/0/outcome").asText(), answer.toString());
    }

    @Test
    void aMissingObjectByReferenceOverHttpIs404() {
        ObjectNode event = SampleEvents.read("apigw-http-classify.json");
        event.put("isBase64Encoded", false).put("body", "{\"bucket\":\"" + BUCKET + "\",\"key\":\"never/uploaded.jpg\"}");
        ((ObjectNode) event.path("headers")).put("content-type", "application/json").remove("content-length");
        JsonNode answer = success(invoke(event));
        assertEquals(404, answer.path("statusCode").asInt(), answer.toString());
        assertEquals(404, body(answer).path("status").asInt(), answer.toString());
    }

    @Test
    void aCorruptImageOverHttpIs422() {
        ObjectNode event = SampleEvents.read("apigw-http-classify.json");
        event.put("body", Base64.getEncoder().encodeToString(Shared.image("bad/headers-only.jpg")));
        ((ObjectNode) event.path("headers")).remove("content-length");
        JsonNode answer = success(invoke(event));
        assertEquals(422, answer.path("statusCode").asInt(), answer.toString());
        assertEquals(422, body(answer).path("status").asInt(), answer.toString());
    }

    /** The artifact carries ONNX Runtime's native libraries for its own platform only (the pom's lambda.architecture). */
    @Test
    void onlyTheTargetPlatformsNativeLibrariesAreShipped() throws IOException {
        String platform = System.getProperty("onnxruntime.platform", "linux-x64");
        assertEquals(expectedOnnxRuntimeLibraries(platform), shippedOnnxRuntimeLibraries(taskRoot, platform));
    }

    /** ONNX Runtime's native libraries as the runtime of the artifact finds them: in the ONNX Runtime jar. */
    List<String> expectedOnnxRuntimeLibraries(String platform) {
        return List.of("ai/onnxruntime/native/" + platform + "/libonnxruntime.so",
                "ai/onnxruntime/native/" + platform + "/libonnxruntime4j_jni.so");
    }

    /** The native libraries that the function's jars carry. */
    List<String> shippedOnnxRuntimeLibraries(Path taskRoot, String platform) throws IOException {
        List<String> libraries = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(libraries(taskRoot), "*.jar")) {
            for (Path jar : jars) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    zip.stream().map(ZipEntry::getName)
                            .filter(name -> name.matches("ai/onnxruntime/native/.+\\.(so|dylib|dll)"))
                            .forEach(libraries::add);
                }
            }
        }
        Collections.sort(libraries);
        return libraries;
    }

    /** An expected function error: reported to Lambda (so retries and destinations work), without a stack trace. */
    @Test
    void anUnrecognisedEventIsAFunctionErrorWithoutAStackTrace() {
        ObjectNode event = SampleEvents.read("eventbridge-object-created.json");
        event.put("source", "aws.ec2").remove("detail-type");
        int logBefore = runtime.log().length();

        Answer answer = runtimeApi.invoke(event.toString(), LIMIT);

        assertTrue(answer.error(), answer.body());
        JsonNode error = json(answer.body());
        assertEquals(UnrecognisedEventException.class.getName(), error.path("errorType").asText(), answer.body());
        assertTrue(error.path("errorMessage").asText().startsWith("Not an event this function handles"), answer.body());
        assertTrue(error.path("stackTrace").isEmpty(), answer.body());
        String logged = runtime.awaitLogged(UnrecognisedEventException.class.getName(), logBefore, LIMIT);
        assertTrue(logged.contains(UnrecognisedEventException.class.getName()), logged);
        assertFalse(logged.contains("\tat "), logged);
    }

    /**
     * An Error (here a real OutOfMemoryError in the REST layer) is a function error that names it; the client then
     * ends the process, as it does after any VirtualMachineError, so that Lambda starts a fresh one. Last: nothing
     * runs after it.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void anErrorIsAFunctionErrorAndEndsTheProcess() {
        times.put("resident set size, MB", runtime.residentMegabytes());
        ObjectNode event = SampleEvents.read("apigw-http-classify.json");
        event.put("body", Base64.getEncoder().encodeToString(OversizedPng.bytes()));
        ((ObjectNode) event.path("headers")).put("content-type", "image/png").remove("content-length");

        Answer answer = runtimeApi.invoke(event.toString(), LIMIT);

        assertTrue(answer.error(), answer.body());
        assertEquals(OutOfMemoryError.class.getName(), json(answer.body()).path("errorType").asText(), answer.body());
        assertTrue(runtime.awaitExit(LIMIT), "the runtime goes on after an OutOfMemoryError");
    }

    private Answer invoke(String timing, JsonNode event) {
        Answer answer = runtimeApi.invoke(event.toString(), LIMIT);
        times.put(timing + ", ms", answer.millis());
        return answer;
    }

    private Answer invoke(JsonNode event) {
        return runtimeApi.invoke(event.toString(), LIMIT);
    }

    private JsonNode success(Answer answer) {
        assertFalse(answer.error(), () -> "function error: " + answer.body() + "\n" + runtime.log());
        return json(answer.body());
    }

    private static JsonNode body(JsonNode httpAnswer) {
        return json(httpAnswer.path("body").asText());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(String key, String image) {
        DemoBucket.put(s3, key, image);
    }

    private Map<String, String> tags(String key) {
        return DemoBucket.tags(s3, key);
    }
}
