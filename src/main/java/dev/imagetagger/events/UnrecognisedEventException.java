package dev.imagetagger.events;

/** Thrown when an invocation (or one message of a batch) has a shape the function does not handle. */
public class UnrecognisedEventException extends RuntimeException {

    public UnrecognisedEventException(String message) {
        super(message);
    }
}
