package dev.imagetagger.storage;

/** Thrown when S3 refuses the function access to an object: permanent until someone changes a policy. */
public class ObjectAccessDeniedException extends RuntimeException {

    public ObjectAccessDeniedException(String message) {
        super(message, null, false, false);
    }
}
