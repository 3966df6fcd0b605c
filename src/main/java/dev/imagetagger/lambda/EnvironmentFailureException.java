package dev.imagetagger.lambda;

/**
 * An {@link Error} raised while an invocation was handled (out of memory, a native library missing from the
 * executable), carried as an exception so that every poll loop reports it to Lambda as a function error (see
 * {@link EnvironmentFailures}). Its message is the Error's class and message.
 */
public final class EnvironmentFailureException extends RuntimeException {

    EnvironmentFailureException(Error error) {
        super(error.toString(), error);
    }

    /** The Error this carries. */
    public Error error() {
        return (Error) getCause();
    }
}
