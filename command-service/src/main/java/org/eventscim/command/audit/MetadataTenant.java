package org.eventscim.command.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.eventscim.events.EventMetadata;

/**
 * The tenant named in an event's stored metadata (a JSON object). Read with a streaming parser that stops at
 * the tenant field: the verifier does this for every event, and building a tree would dominate its time.
 */
final class MetadataTenant {

    /** The chain of events that name no tenant; every event appended through the API names one. */
    static final String NONE = "";

    private static final JsonFactory JSON = new JsonFactory();

    private MetadataTenant() {
    }

    static String of(byte[] metadata) {
        if (metadata == null) {
            return NONE;
        }
        try (JsonParser parser = JSON.createParser(metadata)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(EventMetadata.TENANT) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return NONE;
        } catch (IOException unreadable) {
            return NONE;
        }
    }
}
