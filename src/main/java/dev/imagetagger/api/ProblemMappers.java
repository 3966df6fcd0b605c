package dev.imagetagger.api;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.imagetagger.classify.ModelFaultException;
import dev.imagetagger.image.ImageRejectedException;
import dev.imagetagger.image.Rejection;
import dev.imagetagger.storage.ObjectGoneException;
import dev.imagetagger.storage.ObjectRefusedException;
import dev.imagetagger.storage.Refusal;
import dev.imagetagger.storage.StorageUnavailableException;

/** Maps every failure to a problem+json response; no stack trace ever reaches a body. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response rejected(ImageRejectedException e) {
        return rejected(e.rejection(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response answer(ProblemAnswer e) {
        return e.response();
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return Problem.response(Status.BAD_REQUEST, "invalid-parameter", e.getMessage());
    }

    @ServerExceptionMapper
    public Response bucketNotAllowed(BucketNotAllowedException e) {
        return Problem.response(Status.FORBIDDEN, "bucket-not-allowed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response objectGone(ObjectGoneException e) {
        return gone(e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(ObjectRefusedException e) {
        return refused(e.refusal(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response modelFault(ModelFaultException e) {
        LOG.error(e.getMessage());
        return Problem.response(Status.INTERNAL_SERVER_ERROR, "model-fault", e.getMessage());
    }

    @ServerExceptionMapper
    public Response storageUnavailable(StorageUnavailableException e) {
        LOG.warn(e.getMessage());
        return Problem.response(Status.SERVICE_UNAVAILABLE, "s3-unavailable", "S3 is unavailable; try again later.");
    }

    /** A JSON body of the wrong shape: an array, a string, a field of the wrong type. */
    @ServerExceptionMapper
    public Response mistypedJson(MismatchedInputException e) {
        String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .filter(name -> name != null).reduce((first, second) -> second).orElse(null);
        return invalidJson(field == null ? "the body is not a JSON object."
                : field + " must be " + expected(e.getTargetType()) + ".");
    }

    /** A body sent as JSON that is not JSON at all: broken, or an image sent with the wrong content type. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return invalidJson("the body is not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                + "). An image goes as image/* or application/octet-stream.");
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpHeaders headers, UriInfo uri, Request request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json); // the JSON reader wraps what the parser throws
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String call = request.getMethod() + " /" + uri.getPath().replaceFirst("^/", "");
        return switch (status.getStatusCode()) {
            case 404 -> Problem.response(Status.NOT_FOUND, "not-found", "There is no " + call + ". " + CALLS);
            case 405 -> {
                Response problem = Problem.response(Status.METHOD_NOT_ALLOWED, "method-not-allowed",
                        call + " is not allowed. " + CALLS);
                String allow = ALLOWED.get("/" + uri.getPath().replaceFirst("^/", ""));
                yield allow == null ? problem : Response.fromResponse(problem).header(HttpHeaders.ALLOW, allow).build();
            }
            case 415 -> Problem.response(Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "A body of type " + headers.getMediaType() + " is not accepted. POST /classify accepts an image"
                            + " as image/* or application/octet-stream, or an S3 object by reference as"
                            + " application/json.");
            default -> Problem.response(status.getStatusCode(), status.getReasonPhrase(),
                    "http-" + status.getStatusCode(), e.getMessage());
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected failure", e);
        return Problem.response(Status.INTERNAL_SERVER_ERROR, "internal", "The request failed; see the function's log.");
    }

    /**
     * The method each path allows, for a 405's {@code Allow} header (Quarkus REST names none); held equal to the
     * resources' annotations by a test.
     */
    static final Map<String, String> ALLOWED = Map.of("/classify", "POST", "/model", "GET");

    /** The calls of the API, for a caller who called something else. */
    private static final String CALLS = "The API has POST /classify (an image, or an S3 object by reference) and"
            + " GET /model.";

    /** The problem for a JSON body that is not an object reference, saying {@code why}. */
    static Response invalidJson(String why) {
        return Problem.response(Status.BAD_REQUEST, "invalid-json", "A JSON body must be an object like"
                + " {\"bucket\": \"...\", \"key\": \"...\", \"versionId\": \"...\", \"tag\": true}"
                + " (bucket and key required): " + why);
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a JSON object";
    }

    /** The problem for an image not classified because of what it is. */
    static Response rejected(Rejection rejection, String detail) {
        return switch (rejection) {
            case UNSUPPORTED -> Problem.response(Status.UNSUPPORTED_MEDIA_TYPE, rejection.id(), detail);
            case CORRUPT -> Problem.response(422, "Unprocessable Content", rejection.id(), detail);
            case TOO_LARGE -> Problem.response(Status.REQUEST_ENTITY_TOO_LARGE, rejection.id(), detail);
        };
    }

    /** The problem for an object S3 refuses for good. */
    static Response refused(Refusal refusal, String detail) {
        return switch (refusal) {
            case ACCESS_DENIED -> {
                LOG.error(detail + ": check the function role");
                yield Problem.response(Status.FORBIDDEN, "s3-access-denied", detail);
            }
            case ARCHIVED -> Problem.response(Status.CONFLICT, "s3-object-archived",
                    "Restore the object first. " + detail);
            case DELETE_MARKER -> Problem.response(Status.NOT_FOUND, "s3-delete-marker", detail);
            case INVALID_REQUEST -> Problem.response(Status.BAD_REQUEST, "s3-invalid-request", detail);
        };
    }

    /** The problem for an object that does not exist. */
    static Response gone(String detail) {
        return Problem.response(Status.NOT_FOUND, "object-not-found", detail);
    }
}
