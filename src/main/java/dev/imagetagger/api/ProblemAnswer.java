package dev.imagetagger.api;

import jakarta.ws.rs.core.Response;

/** Thrown by a resource to answer with a problem it has already mapped; the response goes out as it is. */
class ProblemAnswer extends RuntimeException {

    private final transient Response response;

    ProblemAnswer(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }
}
