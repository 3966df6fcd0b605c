package dev.imagetagger.events;

/**
 * Thrown when an invocation (or one message of a batch) has a shape the function does not handle. Its message says
 * everything, so it carries no stack trace: Lambda's managed Java runtime logs and returns whatever trace an exception
 * has, and {@code quarkus.lambda.expected-exceptions} only silences it in Quarkus's own poll loop (the native build).
 */
public class UnrecognisedEventException extends RuntimeException {

    public UnrecognisedEventException(String message) {
        super(message, null, false, false);
    }
}
