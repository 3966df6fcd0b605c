package dev.imagetagger.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem detail, the body of every error response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@Schema(description = "An RFC 9457 problem detail.", requiredProperties = { "type", "title", "status" })
public record Problem(
        @Schema(description = "What went wrong: the status table of the README says when each is answered.",
                pattern = TYPES) String type,
        @Schema(description = "The HTTP status's reason phrase.") String title,
        @Schema(minimum = "400", maximum = "599") int status,
        @Schema(description = "What to do about it, for a person.") String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Every problem type this API answers; {@code http-NNN} are the framework's other answers (406...). */
    static final String TYPES = "^urn:image-tagger:problem:(invalid-parameter|invalid-json|bucket-not-allowed"
            + "|not-found|method-not-allowed|unsupported-media-type|s3-access-denied"
            + "|s3-object-archived|s3-delete-marker|s3-invalid-request|object-not-found|too-large|unsupported"
            + "|corrupt|model-fault|s3-unavailable|internal|http-[0-9]{3})$";

    static Response response(Response.Status status, String kind, String detail) {
        return response(status.getStatusCode(), status.getReasonPhrase(), kind, detail);
    }

    static Response response(int status, String title, String kind, String detail) {
        Problem problem = new Problem("urn:image-tagger:problem:" + kind, title, status, detail);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }
}
