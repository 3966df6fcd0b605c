package dev.imagetagger.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.imagetagger.model.ModelInfo;
import dev.imagetagger.model.ModelSession;

/** {@code GET /model}: the model descriptor in force, its sha256 and label count. */
@Path("/model")
public class ModelResource {

    private final ModelSession session;

    public ModelResource(ModelSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ModelInfo model() {
        return session.info();
    }
}
