package dev.imagetagger.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem detail, the body of every error response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Response response(Response.Status status, String kind, String detail) {
        return response(status.getStatusCode(), status.getReasonPhrase(), kind, detail);
    }

    static Response response(int status, String title, String kind, String detail) {
        Problem problem = new Problem("urn:image-tagger:problem:" + kind, title, status, detail);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }
}
