package dev.imagetagger.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.imagetagger.classify.ModelFaultException;
import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.ImageTooLargeException;
import dev.imagetagger.image.UnsupportedImageException;
import dev.imagetagger.storage.ObjectGoneException;
import dev.imagetagger.storage.ObjectRefusedException;
import dev.imagetagger.storage.StorageUnavailableException;

/** Maps every failure to a problem+json response; no stack trace ever reaches a body. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response unsupported(UnsupportedImageException e) {
        return Problem.response(Status.UNSUPPORTED_MEDIA_TYPE, e.outcome(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response corrupt(CorruptImageException e) {
        return Problem.response(422, "Unprocessable Content", e.outcome(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response tooLarge(ImageTooLargeException e) {
        return Problem.response(Status.REQUEST_ENTITY_TOO_LARGE, e.outcome(), e.getMessage());
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
        return Problem.response(Status.NOT_FOUND, "object-not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(ObjectRefusedException e) {
        return switch (e.refusal()) {
            case ACCESS_DENIED -> {
                LOG.error(e.getMessage() + ": check the function role");
                yield Problem.response(Status.FORBIDDEN, "s3-access-denied", e.getMessage());
            }
            case ARCHIVED -> Problem.response(Status.CONFLICT, "s3-object-archived",
                    "Restore the object first. " + e.getMessage());
            case DELETE_MARKER -> Problem.response(Status.NOT_FOUND, "s3-delete-marker", e.getMessage());
            case INVALID_REQUEST -> Problem.response(Status.BAD_REQUEST, "s3-invalid-request", e.getMessage());
        };
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
}
