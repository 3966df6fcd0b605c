package dev.imagetagger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Each S3 error, answered over HTTP exactly as S3 writes it and turned into an exception by the real SDK client, gets
 * the right meaning: retry, skip, or a permanent refusal with its reason.
 */
class S3FailuresTest {

    private static HttpServer server;
    private static volatile int status;
    private static volatile String code;
    private static S3Client s3;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                    + "</Code><Message>As S3 says it.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        // No SDK retries: the classification, not the SDK's patience, is under test.
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .forcePathStyle(true).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.stop(0);
    }

    @ParameterizedTest
    @CsvSource({
        "503, SlowDown, unavailable",
        "503, ServiceUnavailable, unavailable",
        "500, InternalError, unavailable",
        "429, TooManyRequests, unavailable",
        "400, ThrottlingException, unavailable",
        "400, RequestTimeout, unavailable",
        "400, ExpiredToken, unavailable",
        "403, RequestTimeTooSkewed, unavailable",
        "409, OperationAborted, unavailable",
        "404, NoSuchKey, gone",
        "404, NoSuchVersion, gone",
        "412, PreconditionFailed, gone",
        "403, AccessDenied, ACCESS_DENIED",
        "403, AllAccessDisabled, ACCESS_DENIED",
        "403, InvalidObjectState, ARCHIVED",
        "405, MethodNotAllowed, DELETE_MARKER",
        "400, InvalidArgument, INVALID_REQUEST",
        "400, InvalidRequest, INVALID_REQUEST",
        "416, InvalidRange, INVALID_REQUEST" })
    void eachErrorMeansWhatS3MeansByIt(int httpStatus, String errorCode, String meaning) {
        status = httpStatus;
        code = errorCode;
        SdkException failure = assertThrows(SdkException.class,
                () -> s3.getObject(r -> r.bucket("b").key("k.jpg").versionId("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")));

        RuntimeException meant = S3Failures.translate("Cannot read s3://b/k.jpg", failure);

        switch (meaning) {
            case "unavailable" -> assertInstanceOf(StorageUnavailableException.class, meant);
            case "gone" -> assertInstanceOf(ObjectGoneException.class, meant);
            default -> assertEquals(Refusal.valueOf(meaning),
                    assertInstanceOf(ObjectRefusedException.class, meant).refusal());
        }
        assertTrue(meant.getMessage().startsWith("Cannot read s3://b/k.jpg: " + errorCode + " (HTTP " + httpStatus
                + ") As S3 says it."), meant.getMessage());
    }

    @ParameterizedTest
    @CsvSource({ "403, ACCESS_DENIED", "405, DELETE_MARKER", "404, gone", "503, unavailable" })
    void aHeadRequestsBodilessErrorIsJudgedByItsStatus(int httpStatus, String meaning) {
        status = httpStatus;
        code = "ignored"; // HEAD answers carry no body
        SdkException failure = assertThrows(SdkException.class, () -> s3.headObject(r -> r.bucket("b").key("k.jpg")));

        RuntimeException meant = S3Failures.translate("Cannot check s3://b/k.jpg", failure);

        switch (meaning) {
            case "unavailable" -> assertInstanceOf(StorageUnavailableException.class, meant);
            case "gone" -> assertInstanceOf(ObjectGoneException.class, meant);
            default -> assertEquals(Refusal.valueOf(meaning),
                    assertInstanceOf(ObjectRefusedException.class, meant).refusal());
        }
    }
}
