package dev.imagetagger.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (Adobe S3Mock, from its executable jar) on loopback, in its own process, for the
 * duration of a test class, with the bucket {@link #BUCKET}. The function is pointed at it exactly as a user points it
 * at LocalStack or MinIO.
 */
public class S3MockServer implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "image-tagger-demo";
    private static volatile URI endpoint;
    private Process process;

    @Override
    public Map<String, String> start() {
        int http = freePort();
        process = launch(http, freePort());
        endpoint = URI.create("http://127.0.0.1:" + http);
        // The test JVM gets the SDK's credential properties from the pom (S3Mock accepts any credentials); a packaged
        // function under @QuarkusIntegrationTest gets them from this map, as -D options. The SDK must never reach for
        // EC2 instance metadata, which is no loopback address.
        Map<String, String> config = new HashMap<>(Map.of("aws.accessKeyId", "test",
                "aws.secretAccessKey", "test", "aws.disableEc2Metadata", "true"));
        config.putAll(Map.of("tagger.s3.endpoint", endpoint.toString(), "tagger.s3.path-style", "true",
                "tagger.s3.region", "us-east-1", "tagger.s3.allowed-buckets", BUCKET));
        return config;
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** A client of the test's own, to arrange objects and read tags back. */
    public static S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static Process launch(int http, int https) {
        String jar = System.getProperty("s3mock.jar", "target/s3mock/s3mock.jar");
        Path log = Path.of("target", "s3mock.log");
        try {
            Process started = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar, "--com.adobe.testing.s3mock.httpPort=" + http, "--server.port=" + https,
                    "--server.address=127.0.0.1", "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitPort(started, http, Duration.ofSeconds(60), log.toFile());
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start S3Mock from " + jar, e);
        }
    }

    private static void awaitPort(Process process, int port, Duration limit, File log) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited; see " + log);
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroy();
        throw new IllegalStateException("S3Mock did not open port " + port + " in " + limit + "; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
