package dev.imagetagger.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.imagetagger.storage.ObjectRef;

/**
 * Reads the objects an S3 event names. S3 URL-encodes object keys in its events ({@code red flower.jpg} arrives as
 * {@code red+flower.jpg}), so every key is decoded here, once.
 */
final class S3Notifications {

    private S3Notifications() {
    }

    /** The created objects of an S3 event notification ({@code Records[]}); S3's test event names none. */
    static List<ObjectRef> ofNotification(JsonNode notification) {
        List<ObjectRef> objects = new ArrayList<>();
        for (JsonNode record : notification.path("Records")) {
            if (!record.path("eventName").asText().startsWith("ObjectCreated")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            JsonNode object = s3.path("object");
            objects.add(new ObjectRef(required(s3.path("bucket"), "name"), decodeKey(required(object, "key")),
                    optional(object, "versionId"), optional(object, "eTag")));
        }
        return objects;
    }

    /** The object of an EventBridge {@code Object Created} event. */
    static List<ObjectRef> ofEventBridge(JsonNode event) {
        if (!event.path("detail-type").asText().equals("Object Created")) {
            return List.of();
        }
        JsonNode detail = event.path("detail");
        JsonNode object = detail.path("object");
        return List.of(new ObjectRef(required(detail.path("bucket"), "name"), decodeKey(required(object, "key")),
                optional(object, "version-id"), optional(object, "etag")));
    }

    /**
     * The objects of an S3 notification in any envelope a queue or topic delivers it in: a notification, an SNS
     * envelope around one, or an EventBridge event.
     */
    static List<ObjectRef> ofMessage(JsonNode message) {
        if (message.has("Type") && message.has("Message")) {
            return ofMessage(Json.parse(message.path("Message").asText()));
        }
        return switch (EventKind.of(message)) {
            case S3_NOTIFICATION -> ofNotification(message);
            case EVENTBRIDGE -> ofEventBridge(message);
            default -> {
                if (message.path("Event").asText().equals("s3:TestEvent")) {
                    yield List.of();
                }
                throw new UnrecognisedEventException("The message is not an S3 event notification.");
            }
        };
    }

    static String decodeKey(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnrecognisedEventException("The object key is not URL-encoded as S3 events encode keys.");
        }
    }

    static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new UnrecognisedEventException("The event has no " + field + " where one is required.");
        }
        return value.asText();
    }

    static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
