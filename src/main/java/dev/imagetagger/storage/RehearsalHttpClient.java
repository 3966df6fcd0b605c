package dev.imagetagger.storage;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that sends nothing: it answers the calls of the tagging workflow as S3 would (a tag set, an object
 * body with its checksum, an object's headers, an empty tag write), so that a rehearsal runs the SDK's whole request and response path without a
 * connection or real credentials.
 */
final class RehearsalHttpClient implements SdkHttpClient {

    private static final byte[] TAG_SET = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>"
            + "<Tag><Key>owner</Key><Value>rehearsal</Value></Tag></TagSet></Tagging>")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "rehearsal".getBytes(StandardCharsets.UTF_8);
    /** The body's CRC32, as S3 sends a stored checksum: the SDK's checksum validation runs too. */
    private static final String BODY_CRC32 = crc32(BODY);

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        boolean tagging = request.httpRequest().rawQueryParameters().containsKey("tagging");
        boolean read = request.httpRequest().method() == SdkHttpMethod.GET;
        byte[] body = !read ? new byte[0] : tagging ? TAG_SET : BODY;
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(200)
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("ETag", "\"rehearsal\"");
        if (body == BODY) {
            response.putHeader("x-amz-checksum-crc32", BODY_CRC32);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }

    private static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
