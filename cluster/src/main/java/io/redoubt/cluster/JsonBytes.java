package io.redoubt.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON trees to and from UTF-8 bytes, and the format-version check every stored document starts with.
 * Only Jackson's tree model is used: nothing is bound by reflection, so classes can change freely.
 */
final class JsonBytes {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBytes() {}

    static byte[] write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Reads a document and checks that it carries {@code format} in field "format". */
    static JsonFields read(byte[] bytes, String what, int format) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new StoredFormatException(what + " is not valid JSON", e);
        }
        JsonFields fields = new JsonFields(tree, what);
        long found = fields.longValue("format");
        if (found != format) {
            throw new StoredFormatException(what + " has format " + found + "; this version reads format " + format
                    + " only (written by a newer Redoubt?)");
        }
        return fields;
    }

    static ObjectNode document(int format) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", format);
        return o;
    }
}
