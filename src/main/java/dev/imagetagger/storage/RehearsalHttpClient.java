package dev.imagetagger.storage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that sends nothing: it answers the three calls of the tagging workflow as S3 would (a tag set, an
 * object body, an empty tag write), so that a rehearsal runs the SDK's whole request and response path without a
 * connection or real credentials.
 */
final class RehearsalHttpClient implements SdkHttpClient {

    private static final byte[] TAG_SET = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>"
            + "<Tag><Key>owner</Key><Value>rehearsal</Value></Tag></TagSet></Tagging>")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "rehearsal".getBytes(StandardCharsets.UTF_8);

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        boolean tagging = request.httpRequest().rawQueryParameters().containsKey("tagging");
        boolean read = request.httpRequest().method() == SdkHttpMethod.GET;
        byte[] body = !read ? new byte[0] : tagging ? TAG_SET : BODY;
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .putHeader("ETag", "\"rehearsal\"").build())
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
}
