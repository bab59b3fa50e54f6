package org.eventscim.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How client request bodies are read: JSON that only looks valid is refused, not guessed at, so a key
 * given twice, or anything after the document, is a 400 rather than the last value or the first document
 * winning. Only for bodies from clients: the service's own mapper also reads streams (Elasticsearch
 * responses, for one) where a document is followed by more.
 */
public final class StrictJson {

    private StrictJson() {
    }

    public static ObjectMapper of(ObjectMapper base) {
        ObjectMapper strict = base.copy();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return strict;
    }
}
