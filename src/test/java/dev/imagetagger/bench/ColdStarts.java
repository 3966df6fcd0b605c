package dev.imagetagger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.CustomRuntime;
import dev.imagetagger.fixtures.ManagedJavaRuntime;
import dev.imagetagger.fixtures.RuntimeApiServer;
import dev.imagetagger.fixtures.RuntimeApiServer.Answer;
import dev.imagetagger.fixtures.RuntimeProcess;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3-triggered cold starts of the deploy artifacts against the Node.js peer's {@code cold.js}, alternated, in one
 * run: Init (process start to the first request for work; the peer: to its session warmed up) plus the first
 * invocation (an S3 event for a fresh upload of {@code --photo}: tags read, object read, classified, tagged), against
 * one S3Mock on loopback. The custom runtime runs through its bootstrap from {@code target/aot/function.zip}, the JVM
 * build under the Runtime Interface Client with the managed runtime's flags on the JDK running this class. Prints each
 * run, the medians and the ratios to the peer, and each runtime's resident set size after its first invocation. Not a
 * test; asserts nothing.
 *
 * <pre>
 * java -cp ... dev.imagetagger.bench.ColdStarts [--runs 3] [--photo FILE] [--peer /tmp/node-peer] [--model FILE]
 *      [--custom-runtime target/aot/function.zip] [--builds custom,managed,peer] [--java-tool-options OPTIONS]
 * </pre>
 * A build {@code custom:DIR} runs the bootstrap of an unzipped custom runtime in DIR (to compare JVM flags:
 * retrain its cache after changing them).
 * <pre>
 * </pre>
 */
public final class ColdStarts {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record ColdStart(long initMs, long initCpuMs, long firstMs, long rssMb) {
        long totalMs() {
            return initMs + firstMs;
        }
    }

    private final S3Client s3 = S3MockServer.client();
    private final Map<String, String> configuration = new HashMap<>(new S3MockServer().start());
    private final Map<String, String> options;
    private final byte[] photo;
    private final Path work = Path.of("target", "cold-starts");
    private int uploads;

    private ColdStarts(Map<String, String> options) throws IOException {
        this.options = options;
        this.photo = Files.readAllBytes(Path.of(options.get("--photo")));
        configuration.keySet().removeIf(property -> !property.startsWith("tagger."));
        if (options.containsKey("--java-tool-options")) { // as a function's configuration sets them
            configuration.put("JAVA_TOOL_OPTIONS", options.get("--java-tool-options"));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--runs", "3",
                "--photo", "../shared/images/imagenet-sample/n01558993_robin.JPEG", "--peer", "/tmp/node-peer",
                "--model", "target/classes/model/mobilenetv2-12-int8.onnx",
                "--custom-runtime", "target/aot/function.zip", "--builds", "custom,managed,peer"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        new ColdStarts(options).run();
        System.exit(0); // S3Mock's process stops with this JVM
    }

    private void run() throws Exception {
        List<String> builds = List.of(options.get("--builds").split(","));
        Path customTask = work.resolve("custom-runtime");
        if (builds.contains("custom")) {
            RuntimeProcess.unzip(Path.of(options.get("--custom-runtime")), Files.createDirectories(customTask));
        }
        for (int round = 0; round < 5; round++) { // S3Mock's own first calls, paid before any measurement
            upload();
        }
        Map<String, List<ColdStart>> results = new LinkedHashMap<>();
        int runs = Integer.parseInt(options.get("--runs"));
        for (int run = 1; run <= runs; run++) {
            for (String build : builds) {
                Path task = build.startsWith("custom:") ? Path.of(build.substring("custom:".length())) : customTask;
                ColdStart coldStart = switch (build.replaceFirst(":.*", "")) {
                    case "custom" -> function(api -> CustomRuntime.start(task.toAbsolutePath(), api, configuration,
                            work.resolve("custom-runtime.log")));
                    case "managed" -> function(api -> ManagedJavaRuntime.start(
                            Files.createDirectories(work.resolve("managed-" + System.nanoTime())).toAbsolutePath(),
                            api, configuration, work.resolve("managed.log")));
                    case "peer" -> peer();
                    default -> throw new IllegalArgumentException("unknown build " + build);
                };
                results.computeIfAbsent(build, b -> new ArrayList<>()).add(coldStart);
                System.out.printf("run %d %-8s init %5d ms (CPU %5d ms)  first invocation %4d ms  cold start %5d ms  "
                        + "RSS %4d MB%n", run, build, coldStart.initMs(), coldStart.initCpuMs(), coldStart.firstMs(),
                        coldStart.totalMs(), coldStart.rssMb());
            }
        }
        Long peer = results.containsKey("peer") ? median(results.get("peer"), ColdStart::totalMs) : null;
        System.out.println("medians of " + runs + " runs:");
        results.forEach((build, list) -> {
            long total = median(list, ColdStart::totalMs);
            System.out.printf("%-8s init %5d ms (CPU %5d ms)  first invocation %4d ms  cold start %5d ms  RSS %4d MB%s%n",
                    build, median(list, ColdStart::initMs), median(list, ColdStart::initCpuMs),
                    median(list, ColdStart::firstMs), total,
                    median(list, ColdStart::rssMb), peer == null ? "" : String.format("  %.2fx the peer",
                            (double) total / peer));
        });
    }

    private interface Starter {
        RuntimeProcess start(String runtimeApi) throws IOException;
    }

    private ColdStart function(Starter starter) throws IOException {
        String key = upload();
        try (RuntimeApiServer runtimeApi = new RuntimeApiServer()) {
            RuntimeProcess runtime = starter.start(runtimeApi.address());
            try {
                long init = (runtimeApi.awaitReady(LIMIT) - runtime.startedNanos()) / 1_000_000;
                long initCpu = runtime.cpuMillis();
                Answer answer = runtimeApi.invoke(s3Event(key).toString(), LIMIT);
                if (answer.error() || !answer.body().contains("\"ok\"")) {
                    throw new IllegalStateException("Not tagged: " + answer.body() + "\n" + runtime.log());
                }
                return new ColdStart(init, initCpu, answer.millis(), runtime.residentMegabytes());
            } finally {
                runtime.stop(Duration.ofSeconds(30));
            }
        }
    }

    private ColdStart peer() throws IOException, InterruptedException {
        String key = upload();
        Path peer = Path.of(options.get("--peer"));
        ProcessBuilder builder = new ProcessBuilder("node", peer.resolve("cold.js").toString(),
                Path.of(options.get("--model")).toAbsolutePath().toString(),
                Path.of("src/main/resources/warm-up/photo.jpg").toAbsolutePath().toString(), S3MockServer.BUCKET, key)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("S3", S3MockServer.endpoint().toString());
        builder.environment().put("T0_MS", Long.toString(System.currentTimeMillis()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("The peer failed: " + output);
        }
        JsonNode result = JSON.readTree(output.lines().reduce((first, last) -> last).orElseThrow());
        return new ColdStart(result.path("init_ms").asLong(), -1, Math.round(result.path("first_ms").asDouble()), -1);
    }

    private String upload() {
        String key = "cold/photo-" + (++uploads) + ".jpg";
        s3.putObject(b -> b.bucket(S3MockServer.BUCKET).key(key), RequestBody.fromBytes(photo));
        s3.getObjectTagging(b -> b.bucket(S3MockServer.BUCKET).key(key));
        return key;
    }

    private static JsonNode s3Event(String key) {
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ((ObjectNode) event.at("/Records/0/s3/object")).put("key", key).remove("eTag");
        return event;
    }

    private static long median(List<ColdStart> list, java.util.function.ToLongFunction<ColdStart> value) {
        long[] values = list.stream().mapToLong(value).sorted().toArray();
        return values[values.length / 2];
    }
}
