package dev.imagetagger.api;

/** Thrown when a request parameter is malformed or out of range. */
public class InvalidParameterException extends RuntimeException {

    public InvalidParameterException(String message) {
        super(message, null, false, false);
    }
}
