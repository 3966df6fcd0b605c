package dev.imagetagger.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

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

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Problem.response(status.getStatusCode(), status.getReasonPhrase(), "http-" + status.getStatusCode(),
                e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected failure", e);
        return Problem.response(Status.INTERNAL_SERVER_ERROR, "internal", "The request failed; see the function's log.");
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
