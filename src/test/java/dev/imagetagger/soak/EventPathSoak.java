package dev.imagetagger.soak;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.BehindS3FaultProxy;
import dev.imagetagger.fixtures.EmptyBucket;
import dev.imagetagger.fixtures.LambdaInvoker;
import dev.imagetagger.fixtures.S3FaultProxy;
import dev.imagetagger.fixtures.S3FaultProxy.Fault;
import dev.imagetagger.fixtures.S3FaultProxy.Request;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.Shared;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The soak: 10,000 classifications ({@code -Dsoak.classifications}) in one JVM through the real Lambda event path
 * (S3 events posted to Quarkus's mock event server, the function reading from S3Mock through the fault proxy and
 * writing tags back). Every shared image is uploaded once, hostile files included, and the events go round them in
 * turn; each object's tags are removed before its event, so it is classified again rather than skipped. One event in
 * {@value #FAULT_EVERY} meets an S3 fault (a body cut short or reset, a 503 or 500, a slow answer), and an event the
 * function hands back for a retry is sent again, as Lambda does. Prints the heap after a collection and the process's
 * RSS at 1,000 (a tenth) and at the end, counts the outcomes, and fails if RSS grew by more than 5 % in between or if an event
 * without a fault did not succeed. Not a test of the build: run it with {@code ./mvnw -Psoak test} (README, "Proof"),
 * whose JVM has its whole heap committed up front, so that RSS shows native and metaspace growth, not heap sizing.
 */
@QuarkusTest
@TestProfile(BehindS3FaultProxy.class)
@ExtendWith(EmptyBucket.class)
class EventPathSoak {

    private static final int CLASSIFICATIONS = Integer.getInteger("soak.classifications", 10_000);
    /** The first measure, once every image has been classified at least once and the JIT has settled. */
    private static final int FIRST_CHECKPOINT = CLASSIFICATIONS / 10;
    private static final double MAX_RSS_GROWTH = 0.05;
    /** Memory and outcomes are printed this often too, so that a run cut short still tells how far it got. */
    private static final int PRINT_EVERY = 1_000;
    private static final int FAULT_EVERY = 25;
    private static final String[] SETS = { "imagenet-sample", "formats", "large", "jpeg-structures", "bad" };
    private static final Fault[] FAULTS = { Fault.closeMidBody(), Fault.resetMidBody(),
            Fault.error(503, "SlowDown", "Injected by the soak."), Fault.error(500, "InternalError", "Injected."),
            Fault.delay(Duration.ofMillis(1500)) };
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tenThousandClassificationsThroughTheEventPathKeepTheirMemory() {
        S3Client s3 = S3MockServer.client();
        List<String> keys = upload(s3);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        long rssAtCheckpoint = 0;
        long started = System.nanoTime();
        System.out.printf("Soak: %d classifications over %d objects, an S3 fault every %d%n", CLASSIFICATIONS,
                keys.size(), FAULT_EVERY);
        for (int i = 1; i <= CLASSIFICATIONS; i++) {
            String key = keys.get((i - 1) % keys.size());
            s3.deleteObjectTagging(b -> b.bucket(BUCKET).key(key));
            Fault fault = i % FAULT_EVERY == 0 ? FAULTS[(i / FAULT_EVERY) % FAULTS.length] : null;
            if (fault != null) {
                S3FaultProxy.proxy().once(Request.getObject(key), fault);
            }
            String outcome = invoke(key);
            if (outcome.startsWith("error") && fault != null) {
                outcome = "retried, then " + invoke(key); // Lambda retries an invocation that failed
            }
            if (outcome.contains("error")) {
                unexpected.add(i + " " + key + (fault == null ? "" : " (" + fault + ")") + ": " + outcome);
            }
            S3FaultProxy.proxy().clear();
            outcomes.merge((fault == null ? "" : "with a fault: ") + outcome, 1, Integer::sum);
            if (i == FIRST_CHECKPOINT || i % PRINT_EVERY == 0 || i == CLASSIFICATIONS) {
                long rss = printMemory(i, started);
                printOutcomes(outcomes);
                if (i == FIRST_CHECKPOINT) {
                    rssAtCheckpoint = rss;
                }
                double growth = (double) rss / rssAtCheckpoint - 1;
                if (i > FIRST_CHECKPOINT) {
                    System.out.printf("Soak: RSS %+.1f %% from %d to %d%n", 100 * growth, FIRST_CHECKPOINT, i);
                }
                if (i == CLASSIFICATIONS) {
                    assertTrue(unexpected.isEmpty(), unexpected.size() + " invocations failed:\n"
                            + String.join("\n", unexpected.subList(0, Math.min(20, unexpected.size()))));
                    assertTrue(growth <= MAX_RSS_GROWTH, "RSS grew by " + growth * 100 + " %");
                }
            }
        }
    }

    /** Every file of the shared image sets (their manifests and READMEs aside), as {@code set/file}. */
    private static List<String> upload(S3Client s3) {
        List<String> keys = new ArrayList<>();
        for (String set : SETS) {
            try (Stream<Path> files = Files.list(Shared.images(set))) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".csv") || name.endsWith(".md")) {
                        continue;
                    }
                    String key = "uploads/soak/" + set + "/" + name; // under a prefix the profile tags
                    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(file));
                    keys.add(key);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    /** The S3 event for one uploaded object; the result's outcome, or the error the function answered. */
    private static String invoke(String key) {
        ObjectNode object = JSON.createObjectNode().put("key", URLEncoder.encode(key, StandardCharsets.UTF_8));
        ObjectNode s3 = JSON.createObjectNode();
        s3.putObject("bucket").put("name", BUCKET);
        s3.set("object", object);
        ObjectNode record = JSON.createObjectNode().put("eventSource", "aws:s3").put("eventName", "ObjectCreated:Put");
        record.set("s3", s3);
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        Response response = LambdaInvoker.invoke(event);
        if (response.statusCode() != 200) {
            String type = response.path("errorType");
            return "error " + response.statusCode() + (type == null ? "" : " " + type.substring(type.lastIndexOf('.') + 1));
        }
        String outcome = response.path("results[0].outcome");
        return outcome == null ? "error: no outcome in " + response.asString() : outcome;
    }

    private static long printMemory(int done, long started) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
        long rss = rssKilobytes();
        System.out.printf("Soak: after %d classifications (%.0f s): heap in use after a collection %.1f MB, non-heap"
                + " %.1f MB, RSS %.1f MB%n", done, (System.nanoTime() - started) / 1e9, heap / 1e6, nonHeap / 1e6,
                rss / 1e3);
        return rss;
    }

    private static void printOutcomes(Map<String, Integer> outcomes) {
        outcomes.forEach((outcome, count) -> System.out.printf("Soak:   %6d %s%n", count, outcome));
    }

    /** VmRSS of /proc/self/status, in kB. */
    private static long rssKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
