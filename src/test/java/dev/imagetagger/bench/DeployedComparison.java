package dev.imagetagger.bench;

import static dev.imagetagger.bench.Percentiles.median;
import static dev.imagetagger.bench.Percentiles.p95;
import static dev.imagetagger.fixtures.S3MockServer.BUCKET;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.CustomRuntime;
import dev.imagetagger.fixtures.ManagedJavaRuntime;
import dev.imagetagger.fixtures.ManagedJavaRuntime.Jvm;
import dev.imagetagger.fixtures.RuntimeApiServer;
import dev.imagetagger.fixtures.RuntimeApiServer.Answer;
import dev.imagetagger.fixtures.RuntimeProcess;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.infra.SamTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The engine of {@code infra/bench/side-by-side.sh}: the packaged {@code function.zip} of each build, run as Lambda
 * runs it (a Runtime API on loopback, S3Mock), against the Node.js peer ({@code ../shared/bench/node-peer}), in one
 * run. Not a test.
 * <ul>
 * <li>Cold start: a fresh process per run, Init (process start to its first request for work) and the first
 * S3-triggered invocation on a 500x375 JPEG, alternated with the peer's {@code cold.js}; medians over the runs.</li>
 * <li>Warm speed: one process per build, fed API Gateway HTTP events with each photo in the body (by reference,
 * {@code {"bucket","key"}} in S3Mock, for photos over the 4.5 MiB an HTTP call can carry); per photo the median of
 * the answer's {@code timings} (decode + preprocess + inference, what the peer's {@code bench.js} times) after
 * warm-up passes over the set; per set the median and p95 over the photos, and the ratios to the peer: to its
 * {@code bench.js}, which runs each photo back to back, and to the peer as deployed (bench.js's classification behind
 * the same Runtime API, {@code infra/bench/peer-as-deployed.js}), which waits for each event as the builds do.</li>
 * </ul>
 * A managed build runs under the Runtime Interface Client with the runtime's options and, unless told otherwise, the
 * SAM template's {@code JAVA_TOOL_OPTIONS}; a custom-runtime build through its {@code bootstrap}.
 */
public final class DeployedComparison {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most an HTTP call can carry (ApiConfig's default): larger photos go by reference. */
    private static final long HTTP_BODY_LIMIT = 4_718_592;
    private static final String COLD_PHOTO = "imagenet-sample/n01558993_robin.JPEG";
    /** The function's own warm-up photo, which cold.js and the peer as deployed classify in their Init too. */
    private static final Path WARM_UP_PHOTO = Path.of("src/main/resources/warm-up/photo.jpg");
    private static final String PEER_AS_DEPLOYED =
            "peer as deployed (bench.js's classification behind the Runtime API)";
    private static final Pattern PEER_LINE =
            Pattern.compile("(\\S+): decode\\+preprocess ([\\d.]+) ms, inference ([\\d.]+) ms");

    /** One build to measure: how its process is started. */
    private record Build(String name, Path zip, Jvm jvm, boolean snapStart) {

        boolean managed() {
            return jvm != null;
        }

        Build withJvm(Jvm changed) {
            return new Build(name, zip, changed, snapStart);
        }

        RuntimeProcess start(Path taskRoot, RuntimeApiServer api, Map<String, String> configuration, Path log) {
            Map<String, String> environment = new HashMap<>(configuration);
            if (snapStart) {
                environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            }
            return managed() ? ManagedJavaRuntime.start(zip, jvm, taskRoot, api.address(), environment, log)
                    : CustomRuntime.unzipAndStart(zip, taskRoot, api.address(), environment, log);
        }
    }

    /** One cold start: ms from process start to the checkpoint (SnapStart) or to ready, and so on. */
    private record Cold(double initMs, double restoreMs, double firstMs, double residentMb) {

        double total() {
            return initMs + restoreMs + firstMs;
        }
    }

    private final List<Build> builds = new ArrayList<>();
    private final Path work = Path.of("target", "side-by-side");
    private final Map<String, String> configuration = new HashMap<>();
    private List<String> sets = List.of("imagenet-sample", "large");
    private Path peer = Path.of(System.getenv().getOrDefault("PEER_DIR", "/tmp/node-peer"));
    private int runs = 5;
    private int passes = 2;
    private int coldRuns = 3;
    private S3Client s3;

    private DeployedComparison() {
    }

    public static void main(String[] args) throws Exception {
        DeployedComparison comparison = new DeployedComparison();
        comparison.parse(args);
        comparison.run();
        System.exit(0); // S3Mock's process ends with this JVM
    }

    /**
     * {@code --jvm ZIP [--java HOME] [--compilation c1|default] [--java-tool-options S] [--snap-start]} (the options
     * after a {@code --jvm} shape that build), {@code --custom ZIP}, both repeatable; {@code --runs N},
     * {@code --passes N}, {@code --cold N}, {@code --sets a,b}, {@code --peer DIR}.
     */
    private void parse(String[] args) {
        String templateOptions = templateJavaToolOptions();
        for (int i = 0; i < args.length; i++) {
            Build last = builds.isEmpty() ? null : builds.get(builds.size() - 1);
            if (args[i].equals("--snap-start")) {
                replaceLast(new Build("", managed(last, args[i]).zip(), last.jvm(), true));
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--jvm" -> builds.add(new Build("", Path.of(value),
                        new Jvm(Path.of(System.getProperty("java.home")), true, templateOptions), false));
                case "--custom" -> builds.add(new Build("", Path.of(value), null, false));
                case "--java" -> replaceLast(managed(last, args[i - 1]).withJvm(
                        new Jvm(Path.of(value), last.jvm().c1Only(), last.jvm().javaToolOptions())));
                case "--compilation" -> replaceLast(managed(last, args[i - 1]).withJvm(
                        new Jvm(last.jvm().javaHome(), compilation(value), last.jvm().javaToolOptions())));
                case "--java-tool-options" -> replaceLast(managed(last, args[i - 1]).withJvm(
                        new Jvm(last.jvm().javaHome(), last.jvm().c1Only(), value)));
                case "--runs" -> runs = Integer.parseInt(value);
                case "--passes" -> passes = Integer.parseInt(value);
                case "--cold" -> coldRuns = Integer.parseInt(value);
                case "--sets" -> sets = value.isBlank() ? List.of() : List.of(value.split(","));
                case "--peer" -> peer = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i - 1]);
            }
        }
        if (builds.isEmpty()) {
            throw new IllegalArgumentException("Name at least one build: --jvm ZIP or --custom ZIP");
        }
        for (Build build : builds) {
            if (!Files.isRegularFile(build.zip())) {
                throw new IllegalArgumentException("No " + build.zip() + ": build it first (./mvnw package)");
            }
        }
        builds.replaceAll(build -> new Build(name(build), build.zip(), build.jvm(), build.snapStart()));
    }

    private static Build managed(Build last, String option) {
        if (last == null || !last.managed()) {
            throw new IllegalArgumentException(option + " shapes a --jvm build; name one before it");
        }
        return last;
    }

    private void replaceLast(Build build) {
        builds.set(builds.size() - 1, build);
    }

    private static boolean compilation(String value) {
        return switch (value) {
            case "c1" -> true;
            case "default" -> false;
            default -> throw new IllegalArgumentException("--compilation c1 or default, not " + value);
        };
    }

    private static String name(Build build) {
        if (!build.managed()) {
            return "custom " + build.zip();
        }
        return "jvm " + build.zip() + " (Java " + build.jvm().version() + ", runtime "
                + (build.jvm().c1Only() ? "C1 only" : "default compilation")
                + (build.snapStart() ? ", SnapStart" : "")
                + (build.jvm().javaToolOptions().isBlank() ? ""
                        : ", JAVA_TOOL_OPTIONS " + build.jvm().javaToolOptions())
                + ")";
    }

    /** The {@code JAVA_TOOL_OPTIONS} the SAM template gives the JVM build, empty for none. */
    private static String templateJavaToolOptions() {
        SamTemplate jvm = SamTemplate.load().resolve(Map.of("Build", "jvm"));
        JsonNode options = jvm.properties("ImageTaggerFunction").path("Environment").path("Variables")
                .path("JAVA_TOOL_OPTIONS");
        return options.isMissingNode() ? "" : jvm.evaluate(options);
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        configuration.putAll(new S3MockServer().start());
        configuration.keySet().removeIf(property -> !property.startsWith("tagger."));
        s3 = S3MockServer.client();
        warmUpS3Mock();
        System.out.printf("Side by side on %d core(s), load %s; this JVM %s%n",
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim(),
                System.getProperty("java.version"));
        if (coldRuns > 0) {
            coldStarts();
        }
        for (String set : sets) {
            warm(set);
        }
    }

    // --- cold start ----------------------------------------------------------------------------------------------

    private void coldStarts() throws Exception {
        Map<String, List<Cold>> results = new LinkedHashMap<>();
        byte[] photo = Shared.image(COLD_PHOTO);
        for (int run = 0; run < coldRuns; run++) {
            for (Build build : builds) {
                results.computeIfAbsent(build.name(), b -> new ArrayList<>()).add(coldStart(build, photo, run));
            }
            results.computeIfAbsent("peer (cold.js)", b -> new ArrayList<>()).add(peerColdStart(photo, run));
        }
        List<Cold> peerRuns = results.get("peer (cold.js)");
        double peerTotal = median(peerRuns.stream().mapToDouble(Cold::total).toArray());
        System.out.printf("%nCold start, S3-triggered: Init, then the first invocation on a 500x375 JPEG (read tags,"
                + " read, classify, tag); median of %d runs, alternated%n", coldRuns);
        System.out.printf("  %-12s %-14s %-12s %-16s %-8s %-8s %s%n", "init ms", "restore ms", "first ms",
                "cold start ms", "RSS MB", "vs peer", "build");
        results.forEach((name, list) -> {
            double total = median(list.stream().mapToDouble(Cold::total).toArray());
            System.out.printf("  %-12.0f %-14s %-12.0f %-16.0f %-8s %-8s %s%n",
                    median(list.stream().mapToDouble(Cold::initMs).toArray()),
                    list.get(0).restoreMs() > 0 ? String.format("%.0f", median(list.stream()
                            .mapToDouble(Cold::restoreMs).toArray())) : "-",
                    median(list.stream().mapToDouble(Cold::firstMs).toArray()), total,
                    list.get(0).residentMb() > 0 ? String.format("%.0f", median(list.stream()
                            .mapToDouble(Cold::residentMb).toArray())) : "-",
                    String.format("%.2fx", total / peerTotal), name);
            System.out.printf("  %12s each run's cold start, ms: %s%n", "", Arrays.toString(list.stream()
                    .mapToLong(c -> Math.round(c.total())).toArray()));
        });
        System.out.println("  (SnapStart: init ends at the checkpoint, off any caller's path; \"restore\" runs the"
                + " restore hooks up to the first request for work, without Lambda's own restore of the snapshot.)");
    }

    private Cold coldStart(Build build, byte[] photo, int run) throws IOException {
        String key = "cold/" + run + "-" + builds.indexOf(build) + ".jpg";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(photo));
        Path taskRoot = Files.createTempDirectory("task");
        try (RuntimeApiServer api = new RuntimeApiServer();
                RuntimeProcess function = build.start(taskRoot, api, configuration,
                        work.resolve("cold-" + builds.indexOf(build) + ".log"))) {
            long ready = api.awaitReady(LIMIT);
            long checkpoint = api.restored() ? api.restoredAtNanos() : ready;
            ObjectNode event = SampleEvents.read("s3-object-created.json");
            ((ObjectNode) event.at("/Records/0/s3/object")).put("key", key).remove("eTag");
            Answer answer = api.invoke(event.toString(), LIMIT);
            JsonNode result = JSON.readTree(answer.body());
            if (answer.error() || !"ok".equals(result.at("/results/0/outcome").asText())) {
                throw new IllegalStateException(build.name() + " did not tag the object: " + answer.body()
                        + "\n" + function.log());
            }
            Cold cold = new Cold((checkpoint - function.startedNanos()) / 1e6, (ready - checkpoint) / 1e6,
                    answer.millis(), function.residentMegabytes());
            end(function);
            return cold;
        } finally {
            deleteTree(taskRoot);
        }
    }

    private Cold peerColdStart(byte[] photo, int run) throws IOException, InterruptedException {
        String key = "cold/" + run + "-peer.jpg";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(photo));
        ProcessBuilder node = new ProcessBuilder("node", peer.resolve("cold.js").toString(), peerModel().toString(),
                WARM_UP_PHOTO.toAbsolutePath().toString(), BUCKET, key)
                .redirectErrorStream(true);
        node.environment().put("S3", configuration.get("tagger.s3.endpoint"));
        node.environment().put("T0_MS", Long.toString(System.currentTimeMillis()));
        Process process = node.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("cold.js failed: " + out);
        }
        JsonNode line = JSON.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new IllegalStateException("cold.js printed no result: " + out)));
        return new Cold(line.path("init_ms").asDouble(), 0, line.path("first_ms").asDouble(), -1);
    }

    // --- warm speed ----------------------------------------------------------------------------------------------

    private void warm(String set) throws Exception {
        List<Path> photos;
        try (Stream<Path> files = Files.list(Shared.images(set))) {
            photos = files.filter(f -> f.getFileName().toString().matches("(?i).+\\.(jpe?g|png)")).sorted().toList();
        }
        for (Path photo : photos) {
            if (Files.size(photo) > HTTP_BODY_LIMIT) {
                s3.putObject(b -> b.bucket(BUCKET).key(byReferenceKey(photo)), RequestBody.fromFile(photo));
            }
        }
        Map<String, Map<String, double[]>> results = new LinkedHashMap<>();
        for (Build build : builds) {
            measure(results, build.name(), set, photos,
                    (taskRoot, api, log) -> build.start(taskRoot, api, configuration, log));
        }
        measure(results, PEER_AS_DEPLOYED, set, photos, this::startPeerAsDeployed);
        Map<String, double[]> peerTimes = peerWarm(photos);
        System.out.printf("%nWarm, %s (%d photos; %d by reference): decode + preprocess + inference per photo, the"
                + " median of %d invocations after %d pass(es) over the set; the peer's bench.js runs each photo"
                + " back to back%n", set, photos.size(), photos.stream().filter(DeployedComparison::byReference)
                .count(), runs, passes);
        double[] peerValues = photos.stream().mapToDouble(p -> peerTimes.get(p.getFileName().toString())[0]).toArray();
        Map<String, double[]> asDeployed = results.get(PEER_AS_DEPLOYED);
        double[] asDeployedValues = asDeployed == null ? null
                : photos.stream().mapToDouble(p -> asDeployed.get(p.toString())[0]).toArray();
        System.out.printf("  %-16s %-16s %-24s %-16s %-18s %s%n", "median / p95 ms", "vs bench.js",
                "bench.js median / p95 ms", "vs as deployed", "invocation median", "build");
        results.forEach((name, perPhoto) -> {
            double[] values = photos.stream().mapToDouble(p -> perPhoto.get(p.toString())[0]).toArray();
            double[] invocations = photos.stream().mapToDouble(p -> perPhoto.get(p.toString())[1]).toArray();
            System.out.printf("  %-16s %-16s %-24s %-16s %-18s %s%n",
                    String.format("%.1f / %.1f", median(values), p95(values)), ratios(values, peerValues),
                    String.format("%.1f / %.1f", median(peerValues), p95(peerValues)),
                    asDeployedValues == null ? "-" : ratios(values, asDeployedValues),
                    String.format("%.1f ms", median(invocations)), name);
        });
        // Where the time goes: each stage's median over the photos (per photo, the median of its invocations).
        System.out.printf("  stages, median ms: decode+preprocess %.1f, inference %.1f   peer (bench.js)%n",
                stageMedian(photos, p -> peerTimes.get(p.getFileName().toString())[1]),
                stageMedian(photos, p -> peerTimes.get(p.getFileName().toString())[2]));
        results.forEach((name, perPhoto) -> {
            double decode = stageMedian(photos, p -> perPhoto.get(p.toString())[2]);
            double preprocess = stageMedian(photos, p -> perPhoto.get(p.toString())[3]);
            double inference = stageMedian(photos, p -> perPhoto.get(p.toString())[4]);
            String beforeInference = name.equals(PEER_AS_DEPLOYED) ? String.format("decode+preprocess %.1f", decode)
                    : String.format("decode %.1f, preprocess %.1f", decode, preprocess);
            System.out.printf("  stages, median ms: %s, inference %.1f   %s%n", beforeInference, inference, name);
        });
        if (photos.size() <= 20) {
            for (Path photo : photos) {
                double peerMs = peerTimes.get(photo.getFileName().toString())[0];
                StringBuilder line = new StringBuilder(String.format("    %-34s bench.js %6.1f ms",
                        photo.getFileName(), peerMs));
                results.values().forEach(perPhoto -> line.append(String.format("   %6.1f ms %5.2fx",
                        perPhoto.get(photo.toString())[0], perPhoto.get(photo.toString())[0] / peerMs)));
                System.out.println(line);
            }
        }
    }

    /** The ratios of the medians and of the p95s. */
    private static String ratios(double[] values, double[] peer) {
        return String.format("%.2fx / %.2fx", median(values) / median(peer), p95(values) / p95(peer));
    }

    /** How a process serving the Runtime API is started for a warm run. */
    private interface Starter {
        RuntimeProcess start(Path taskRoot, RuntimeApiServer api, Path log) throws IOException;
    }

    /** Measures one build or the peer as deployed into {@code results}; a failure is reported, the others still run. */
    private void measure(Map<String, Map<String, double[]>> results, String name, String set, List<Path> photos,
            Starter starter) throws IOException {
        Path log = work.resolve("warm-" + results.size() + "-" + set + ".log");
        try {
            results.put(name, warm(name, starter, log, photos));
        } catch (IllegalStateException e) {
            // a hung or failed invocation
            System.out.printf("%n%s failed on %s: %s (its log: %s)%n", name, set, e.getMessage(), log);
        }
    }

    private static double stageMedian(List<Path> photos, ToDoubleFunction<Path> stage) {
        return median(photos.stream().mapToDouble(stage).toArray());
    }

    /**
     * Per photo, medians over its invocations: the answer's timings summed, the invocation as the Runtime API saw it,
     * and the decode, preprocess and inference timings.
     */
    private Map<String, double[]> warm(String name, Starter starter, Path log, List<Path> photos) throws IOException {
        Path taskRoot = Files.createTempDirectory("task");
        try (RuntimeApiServer api = new RuntimeApiServer();
                RuntimeProcess function = starter.start(taskRoot, api, log)) {
            try {
                Map<String, double[]> perPhoto = warm(name, api, photos);
                end(function);
                return perPhoto;
            } catch (IllegalStateException e) {
                threadDump(function);
                throw e;
            }
        } finally {
            deleteTree(taskRoot);
        }
    }

    private Map<String, double[]> warm(String name, RuntimeApiServer api, List<Path> photos) throws IOException {
        api.awaitReady(LIMIT);
        List<String> events = photos.stream().map(DeployedComparison::event).toList();
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < photos.size(); i++) {
                timings(name, api, events.get(i), photos.get(i));
            }
        }
        Map<String, double[]> perPhoto = new HashMap<>();
        for (int i = 0; i < photos.size(); i++) {
            double[][] measured = new double[runs][];
            for (int r = 0; r < runs; r++) {
                measured[r] = timings(name, api, events.get(i), photos.get(i));
            }
            double[] medians = new double[measured[0].length];
            for (int m = 0; m < medians.length; m++) {
                int measure = m;
                medians[m] = median(Arrays.stream(measured).mapToDouble(run -> run[measure]).toArray());
            }
            perPhoto.put(photos.get(i).toString(), medians);
        }
        return perPhoto;
    }

    /** A JVM's thread dump into its log (SIGQUIT), to see where a hung invocation waits. */
    private static void threadDump(RuntimeProcess function) {
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(function.pid())).start().waitFor();
            Thread.sleep(1_000);
        } catch (IOException e) {
            // no dump, the failure is reported all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the function and whatever its bootstrap started, so that the next one has the cores to itself. */
    private static void end(RuntimeProcess function) {
        ProcessHandle.of(function.pid()).ifPresent(process -> process.descendants().forEach(ProcessHandle::destroy));
        function.stop(Duration.ofSeconds(10));
    }

    /**
     * One invocation: the answer's timings summed, the invocation's ms, then decode, preprocess and inference (the
     * peer as deployed times decode and preprocess as one, as sharp runs them: reported as decode).
     */
    private static double[] timings(String name, RuntimeApiServer api, String event, Path photo) throws IOException {
        Answer answer = api.invoke(event, LIMIT);
        JsonNode http = JSON.readTree(answer.body());
        if (answer.error() || http.path("statusCode").asInt() != 200) {
            throw new IllegalStateException(name + " failed on " + photo + ": " + answer.body());
        }
        JsonNode timings = JSON.readTree(http.path("body").asText()).path("timings");
        double decode = timings.has("decodeAndPreprocessMs") ? timings.path("decodeAndPreprocessMs").asDouble()
                : timings.path("decodeMs").asDouble();
        double preprocess = timings.path("preprocessMs").asDouble();
        double inference = timings.path("inferenceMs").asDouble();
        return new double[] {decode + preprocess + inference, answer.millis(), decode, preprocess, inference};
    }

    /** The API Gateway HTTP API (payload 2.0) event of {@code POST /classify} for the photo. */
    private static String event(Path photo) {
        ObjectNode event = SampleEvents.read("apigw-http-classify.json");
        ObjectNode headers = (ObjectNode) event.path("headers");
        headers.remove("content-length");
        if (byReference(photo)) {
            event.put("isBase64Encoded", false).put("body", "{\"bucket\":\"" + BUCKET + "\",\"key\":\""
                    + byReferenceKey(photo) + "\"}");
            headers.put("content-type", "application/json");
        } else {
            event.put("body", Base64.getEncoder().encodeToString(Shared.read(photo)));
            headers.put("content-type", photo.toString().toLowerCase().endsWith(".png") ? "image/png" : "image/jpeg");
        }
        return event.toString();
    }

    private static boolean byReference(Path photo) {
        try {
            return Files.size(photo) > HTTP_BODY_LIMIT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String byReferenceKey(Path photo) {
        return "bench/" + photo.getFileName();
    }

    /**
     * The peer's per-photo medians from {@code bench.js} (20 photos a call), by photo name: decode + preprocess +
     * inference, decode + preprocess, and inference ms.
     */
    private Map<String, double[]> peerWarm(List<Path> photos) throws IOException, InterruptedException {
        Map<String, double[]> times = new HashMap<>();
        for (int from = 0; from < photos.size(); from += 20) {
            List<String> command = new ArrayList<>(List.of("node", peer.resolve("bench.js").toString(),
                    peerModel().toString()));
            photos.subList(from, Math.min(from + 20, photos.size())).forEach(p -> command.add(p.toString()));
            command.addAll(List.of("--runs", Integer.toString(runs)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("bench.js failed: " + out);
            }
            Matcher line = PEER_LINE.matcher(out);
            while (line.find()) {
                double decodeAndPreprocess = Double.parseDouble(line.group(2));
                double inference = Double.parseDouble(line.group(3));
                times.put(line.group(1),
                        new double[] {decodeAndPreprocess + inference, decodeAndPreprocess, inference});
            }
        }
        return times;
    }

    /**
     * The peer's classification served as a function (infra/bench/peer-as-deployed.js): a custom runtime whose
     * bootstrap starts Node on it, fed the same events as the builds.
     */
    private RuntimeProcess startPeerAsDeployed(Path taskRoot, RuntimeApiServer api, Path log) throws IOException {
        Path bootstrap = taskRoot.resolve("bootstrap");
        Files.writeString(bootstrap, "#!/bin/sh\nexec node " + Path.of("infra/bench/peer-as-deployed.js")
                .toAbsolutePath() + "\n");
        bootstrap.toFile().setExecutable(true);
        return CustomRuntime.start(taskRoot, api.address(), Map.of("PEER_DIR", peer.toAbsolutePath().toString(),
                "PEER_MODEL", peerModel().toString(), "PEER_WARM_UP", WARM_UP_PHOTO.toAbsolutePath().toString(),
                "S3", configuration.get("tagger.s3.endpoint")), log);
    }

    /** The model the function packs by default, for the peer. */
    private static Path peerModel() {
        return Shared.model("mobilenetv2-12-int8.onnx");
    }

    /** S3Mock's own first calls of each kind (a JVM of its own) are paid here, not by a measured invocation. */
    private void warmUpS3Mock() {
        for (int round = 0; round < 5; round++) {
            s3.putObject(b -> b.bucket(BUCKET).key("warm-up/photo.jpg"),
                    RequestBody.fromBytes(Shared.image(COLD_PHOTO)));
            s3.getObjectTagging(b -> b.bucket(BUCKET).key("warm-up/photo.jpg"));
            s3.getObject(b -> b.bucket(BUCKET).key("warm-up/photo.jpg"), ResponseTransformer.toBytes());
            s3.putObjectTagging(b -> b.bucket(BUCKET).key("warm-up/photo.jpg")
                    .tagging(t -> t.tagSet(tag -> tag.key("round").value("warm-up"))));
            s3.deleteObject(b -> b.bucket(BUCKET).key("warm-up/photo.jpg"));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }
}
