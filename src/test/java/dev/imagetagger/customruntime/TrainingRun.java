package dev.imagetagger.customruntime;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.CustomRuntime;
import dev.imagetagger.fixtures.RuntimeApiServer;
import dev.imagetagger.fixtures.RuntimeApiServer.Answer;
import dev.imagetagger.fixtures.S3MockServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AOT cache's training run: the laid-out custom runtime, started through its own {@code bootstrap} with
 * {@code -XX:AOTCacheOutput}, serves events from a Runtime API on loopback while S3Mock plays S3, as on Lambda. It
 * meets every trigger of {@code events/}, the HTTP API's calls and its errors, JPEG, PNG, TIFF and WebP
 * ({@code events/objects}), and large photos (made here by enlarging the sample photo), so that the cache holds the
 * classes, links and profiles of every path. Inputs come from this repository only. The runtime then stops as Lambda
 * stops it (SIGTERM) and the JVM writes the cache on its way out.
 */
final class TrainingRun {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("events");
    private static final List<String> FORMATS = List.of("cups.jpg", "cups.png", "cups.tif", "cups.webp");

    private final RuntimeApiServer runtimeApi;
    private final S3Client s3 = S3MockServer.client();
    private final byte[] photo;

    private TrainingRun(RuntimeApiServer runtimeApi) throws IOException {
        this.runtimeApi = runtimeApi;
        this.photo = Files.readAllBytes(EVENTS.resolve("objects/cups.jpg"));
    }

    /** Trains the cache of the custom runtime laid out in {@code task}; returns the cache file, under {@code out}. */
    static Path train(Path task, Path out) throws IOException {
        Path cache = out.resolve("training/function.aot").toAbsolutePath();
        Files.createDirectories(cache.getParent());
        Files.deleteIfExists(cache);
        Map<String, String> configuration = new HashMap<>(new S3MockServer().start());
        configuration.keySet().removeIf(property -> !property.startsWith("tagger."));
        configuration.put("JAVA_TOOL_OPTIONS", "-XX:AOTCacheOutput=" + cache);
        Path log = out.resolve("training.log");
        try (RuntimeApiServer runtimeApi = new RuntimeApiServer()) {
            TrainingRun run = new TrainingRun(runtimeApi);
            CustomRuntime runtime = CustomRuntime.start(task.toAbsolutePath(), runtimeApi.address(), configuration,
                    log);
            try {
                runtimeApi.awaitReady(LIMIT);
                run.everyPath();
            } catch (RuntimeException e) {
                runtime.close();
                throw new IllegalStateException("The training run failed; see " + log + ":\n" + tail(runtime), e);
            }
            if (!runtime.stop(Duration.ofMinutes(10)) || !Files.isRegularFile(cache)) {
                throw new IllegalStateException("The runtime wrote no AOT cache; see " + log + ":\n" + tail(runtime));
            }
        }
        return cache;
    }

    private void everyPath() throws IOException {
        // Every trigger, as the samples have it (without the ETags and versions of their photos).
        for (String sample : List.of("s3-object-created.json", "s3-object-created.json", "apigw-http-classify.json",
                "apigw-http-classify.json", "eventbridge-object-created.json", "sns-s3-notification.json",
                "sqs-s3-notifications.json", "batch-operations-1.0.json", "batch-operations-2.0.json")) {
            JsonNode event = uploadObjectsOf(sample);
            expect(false, event);
        }
        // Every decoder, at every size: the samples' small photo (enlarged on the way), an ImageNet-sized JPEG decoded
        // at full scale, large ones decoded at a reduced scale, and a PNG large enough for the row-by-row resize.
        BufferedImage large = enlarged(ImageIO.read(new ByteArrayInputStream(photo)), 4032, 3024);
        Map<String, byte[]> uploads = new LinkedHashMap<>();
        for (String file : FORMATS) {
            uploads.put("uploads/" + file, Files.readAllBytes(EVENTS.resolve("objects").resolve(file)));
        }
        uploads.put("uploads/imagenet-sized.jpg", jpeg(enlarged(large, 500, 375), false));
        uploads.put("uploads/large.jpg", jpeg(large, false));
        uploads.put("uploads/large-progressive.jpg", jpeg(large, true));
        uploads.put("uploads/large.png", png(enlarged(large, 2400, 1800)));
        uploads.forEach((key, bytes) -> s3.putObject(b -> b.bucket(S3MockServer.BUCKET).key(key),
                RequestBody.fromBytes(bytes)));
        expect(false, s3Event(List.copyOf(uploads.keySet())));

        // The HTTP API: by reference with tagging, the model, and its errors.
        expect(false, http("POST /classify", "", "{\"bucket\":\"" + S3MockServer.BUCKET
                + "\",\"key\":\"uploads/cups.png\",\"tag\":true}", "application/json"));
        expect(false, http("GET /model", "", null, null));
        expect(false, http("POST /classify", "", "{\"bucket\":\"" + S3MockServer.BUCKET
                + "\",\"key\":\"never/uploaded.jpg\"}", "application/json"));
        expect(false, http("POST /classify", "", "{\"bucket\":\"not-allowed\",\"key\":\"a.jpg\"}",
                "application/json"));
        expect(false, http("POST /classify", "topK=0", Base64.getEncoder().encodeToString(photo), "image/jpeg"));
        expect(false, http("POST /classify", "", Base64.getEncoder().encodeToString(headersOnly(photo)),
                "image/jpeg"));
        // A missing object, and an event the function does not handle (a function error).
        expect(false, s3Event(List.of("uploads/never uploaded.jpg")));
        ObjectNode unknown = (ObjectNode) JSON.readTree(EVENTS.resolve("eventbridge-object-created.json").toFile());
        expect(true, unknown.put("source", "aws.ec2"));
    }

    /** Puts the sample photo under every key the sample names (its non-image and broken image as such). */
    private JsonNode uploadObjectsOf(String sample) throws IOException {
        List<String> keys = new ArrayList<>();
        JsonNode event = withoutVersions(JSON.readTree(EVENTS.resolve(sample).toFile()), keys);
        for (String key : keys) {
            String decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
            byte[] bytes = decoded.endsWith(".txt") ? "not an image".getBytes(StandardCharsets.UTF_8)
                    : decoded.contains("broken") ? headersOnly(photo) : photo;
            s3.putObject(b -> b.bucket(S3MockServer.BUCKET).key(decoded), RequestBody.fromBytes(bytes));
        }
        return event;
    }

    /**
     * The event without the ETags and version ids of the samples' own photos, collecting the object keys it names
     * (also inside the JSON text of SNS messages and SQS bodies).
     */
    private static JsonNode withoutVersions(JsonNode node, List<String> keys) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("eTag", "etag", "versionId", "version-id"));
            object.properties().forEach(field -> {
                JsonNode value = field.getValue();
                if (value.isTextual() && (field.getKey().equals("key") || field.getKey().equals("s3Key"))) {
                    keys.add(value.asText());
                } else if (value.isTextual() && value.asText().startsWith("{")) {
                    try {
                        field.setValue(JSON.getNodeFactory().textNode(
                                withoutVersions(JSON.readTree(value.asText()), keys).toString()));
                    } catch (IOException notJson) {
                        // a malformed body the sample holds on purpose
                    }
                } else {
                    withoutVersions(value, keys);
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> withoutVersions(element, keys));
        }
        return node;
    }

    private JsonNode s3Event(List<String> keys) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(EVENTS.resolve("s3-object-created.json").toFile());
        ArrayNode records = event.withArray("Records");
        JsonNode template = records.remove(0);
        for (String key : keys) {
            ObjectNode record = template.deepCopy();
            ((ObjectNode) record.path("s3").path("object")).put("key", key.replace(' ', '+')).remove("eTag");
            records.add(record);
        }
        return event;
    }

    private JsonNode http(String route, String query, String body, String contentType) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(EVENTS.resolve("apigw-http-classify.json").toFile());
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        event.put("routeKey", route).put("rawPath", path).put("rawQueryString", query);
        ((ObjectNode) event.path("requestContext").path("http")).put("method", method).put("path", path);
        event.remove("queryStringParameters");
        if (!query.isEmpty()) {
            event.putObject("queryStringParameters").put(query.substring(0, query.indexOf('=')),
                    query.substring(query.indexOf('=') + 1));
        }
        ObjectNode headers = (ObjectNode) event.path("headers");
        headers.remove(List.of("content-length", "content-type"));
        if (body == null) {
            event.remove("body");
            event.put("isBase64Encoded", false);
        } else {
            headers.put("content-type", contentType);
            event.put("body", body).put("isBase64Encoded", !contentType.equals("application/json"));
        }
        return event;
    }

    private void expect(boolean functionError, JsonNode event) {
        Answer answer = runtimeApi.invoke(event.toString(), LIMIT);
        if (answer.error() != functionError) {
            throw new IllegalStateException((functionError ? "Expected a function error, got " : "Function error: ")
                    + answer.body());
        }
    }

    private static BufferedImage enlarged(BufferedImage image, int width, int height) {
        BufferedImage large = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = large.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(image, 0, 0, width, height, null);
        graphics.dispose();
        return large;
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The JPEG's headers up to its first scan, then its end: a corrupt image. */
    private static byte[] headersOnly(byte[] jpeg) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xda) {
                byte[] headers = Arrays.copyOf(jpeg, i + 2);
                headers[i + 1] = (byte) 0xd9;
                return headers;
            }
        }
        throw new IllegalStateException("No scan in the sample photo");
    }

    private static String tail(CustomRuntime runtime) {
        String log = runtime.log();
        return log.substring(Math.max(0, log.length() - 4000));
    }
}
