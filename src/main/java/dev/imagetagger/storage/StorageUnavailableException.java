package dev.imagetagger.storage;

/**
 * Thrown when S3 fails in a way that may pass (throttling, 5xx, timeouts, connection errors) after the SDK's own
 * retries; it surfaces as a function error or a per-item failure, so that Lambda retries and nothing is lost.
 */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
