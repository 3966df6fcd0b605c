package dev.imagetagger.storage;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an S3 failure means for the object: skip it (gone), give up on it (refused), or try again later (unavailable).
 * Only what may pass is retried: 5xx, throttling, and failures that never reached an answer (timeouts, connection
 * errors, a body cut short or failing its checksum). Every other 4xx is permanent, told apart by S3's error code.
 */
final class S3Failures {

    /**
     * 4xx codes that a later attempt may not meet: a connection too slow, credentials that expired in flight, a
     * conflicting operation still in progress.
     */
    private static final Set<String> TRANSIENT_4XX = Set.of("RequestTimeout", "ExpiredToken", "TokenRefreshRequired",
            "OperationAborted");

    private S3Failures() {
    }

    /** The exception to throw for {@code failure}, whose message starts with {@code what} (the action and object). */
    static RuntimeException translate(String what, SdkException failure) {
        if (!(failure instanceof AwsServiceException s3)) {
            return new StorageUnavailableException(what + ": " + failure.getMessage(), failure);
        }
        int status = s3.statusCode();
        String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
        String message = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
        String detail = what + ": " + (code != null ? code : "error") + " (HTTP " + status + ")"
                + (message != null && !message.isBlank() ? " " + message : "");
        if (status >= 500 || s3.isThrottlingException() || s3.isClockSkewException()
                || (code != null && TRANSIENT_4XX.contains(code))) {
            return new StorageUnavailableException(detail, failure);
        }
        return switch (status) {
            case 404, 412 -> new ObjectGoneException(detail);
            case 405 -> new ObjectRefusedException(Refusal.DELETE_MARKER, detail);
            case 403 -> new ObjectRefusedException(
                    "InvalidObjectState".equals(code) ? Refusal.ARCHIVED : Refusal.ACCESS_DENIED, detail);
            default -> status >= 400 && status < 500
                    ? new ObjectRefusedException(Refusal.INVALID_REQUEST, detail)
                    : new StorageUnavailableException(detail, failure); // a redirect or worse: let the trigger retry
        };
    }
}
