package dev.imagetagger.lambda;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

import dev.imagetagger.events.Invocations;

/**
 * Lets the one (HTTP) Lambda handler receive every trigger. The Lambda poll loop reads each invocation as an API
 * Gateway event and writes each answer as an API Gateway response with a copy of this ObjectMapper; these
 * modifiers turn a non-HTTP invocation into a {@link NonHttpEvent} and write a {@link NonHttpResponse} as its own
 * JSON. Only those two types are affected; the REST layer never (de)serialises them.
 */
@Singleton
public class EventShapesCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("image-tagger-event-shapes");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                    JsonDeserializer<?> deserializer) {
                return bean.getBeanClass() == APIGatewayV2HTTPEvent.class ? new EventReader(deserializer) : deserializer;
            }
        });
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription bean,
                    JsonSerializer<?> serializer) {
                return bean.getBeanClass() == APIGatewayV2HTTPResponse.class
                        ? new ResponseWriter(serializer)
                        : serializer;
            }
        });
        mapper.registerModule(module);
    }

    /**
     * Reads the invocation as a tree, then either keeps it raw or hands it to the API Gateway event reader (a payload
     * 1.0 request translated into the 2.0 shape first).
     */
    private static final class EventReader extends JsonDeserializer<Object> implements ResolvableDeserializer {
        private final JsonDeserializer<?> http;

        EventReader(JsonDeserializer<?> http) {
            this.http = http;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(parser);
            if (!Invocations.isHttp(tree)) {
                return new NonHttpEvent(tree);
            }
            JsonNode request = PayloadFormat1.isRequest(tree) ? PayloadFormat1.toVersion2(tree) : tree;
            try (JsonParser replay = request.traverse(parser.getCodec())) {
                replay.nextToken();
                return http.deserialize(replay, context);
            }
        }

        @Override
        public void resolve(DeserializationContext context) throws JsonMappingException {
            if (http instanceof ResolvableDeserializer resolvable) {
                resolvable.resolve(context);
            }
        }
    }

    /** Writes a {@link NonHttpResponse} as its JSON, anything else as an API Gateway response. */
    private static final class ResponseWriter extends JsonSerializer<Object>
            implements ResolvableSerializer, ContextualSerializer {
        private final JsonSerializer<Object> http;

        @SuppressWarnings("unchecked")
        ResponseWriter(JsonSerializer<?> http) {
            this.http = (JsonSerializer<Object>) http;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (value instanceof NonHttpResponse response) {
                generator.writeTree(response.json());
            } else {
                http.serialize(value, generator, provider);
            }
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (http instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            JsonSerializer<?> contextual = provider.handlePrimaryContextualization(http, property);
            return contextual == http ? this : new ResponseWriter(contextual);
        }
    }
}
