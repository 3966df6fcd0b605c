package dev.imagetagger.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.ClassifyConfig;
import dev.imagetagger.classify.Classifier;
import dev.imagetagger.image.ImageTooLargeException;

/** {@code POST /classify}: classify the image in the request body. */
@Path("/classify")
public class ClassifyResource {

    private final Classifier classifier;
    private final ClassifyConfig defaults;
    private final ApiConfig api;

    public ClassifyResource(Classifier classifier, ClassifyConfig defaults, ApiConfig api) {
        this.classifier = classifier;
        this.defaults = defaults;
        this.api = api;
    }

    @POST
    @Consumes({ "image/*", MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    public Classification classify(byte[] body, @QueryParam("topK") String topK, @QueryParam("minScore") String minScore) {
        int k = QueryParameters.intIn("topK", topK, defaults.topK(), 1, api.maxTopK());
        float min = QueryParameters.floatIn("minScore", minScore, defaults.minScore(), 0, 1);
        if (body.length > api.maxBodyBytes()) {
            throw new ImageTooLargeException("The body is " + body.length + " bytes; at most " + api.maxBodyBytes()
                    + " bytes fit through API Gateway and Lambda. Upload the image to S3 and classify it by reference.");
        }
        return classifier.classify(body, k, min);
    }
}
