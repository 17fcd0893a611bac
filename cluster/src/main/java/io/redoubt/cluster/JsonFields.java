package io.redoubt.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Strict reads of one JSON object's fields: a missing or mistyped field is a {@link StoredFormatException}. */
final class JsonFields {
    private final JsonNode object;
    private final String what;

    JsonFields(JsonNode object, String what) {
        if (object == null || !object.isObject()) {
            throw new StoredFormatException(what + " is not a JSON object");
        }
        this.object = object;
        this.what = what;
    }

    boolean has(String field) {
        return object.hasNonNull(field);
    }

    JsonNode node(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new StoredFormatException(what + " lacks field '" + field + "'");
        }
        return value;
    }

    String text(String field) {
        JsonNode value = node(field);
        if (!value.isTextual()) {
            throw new StoredFormatException(what + " field '" + field + "' is not a string");
        }
        return value.textValue();
    }

    long longValue(String field) {
        JsonNode value = node(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new StoredFormatException(what + " field '" + field + "' is not an integer");
        }
        return value.longValue();
    }

    int intValue(String field) {
        long value = longValue(field);
        if (value != (int) value) {
            throw new StoredFormatException(what + " field '" + field + "' is out of range: " + value);
        }
        return (int) value;
    }

    boolean bool(String field) {
        JsonNode value = node(field);
        if (!value.isBoolean()) {
            throw new StoredFormatException(what + " field '" + field + "' is not a boolean");
        }
        return value.booleanValue();
    }

    <T> List<T> list(String field, Function<JsonNode, T> element) {
        JsonNode value = node(field);
        if (!(value instanceof ArrayNode array)) {
            throw new StoredFormatException(what + " field '" + field + "' is not an array");
        }
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            out.add(element.apply(e));
        }
        return out;
    }

    List<String> texts(String field) {
        return list(field, e -> {
            if (!e.isTextual()) {
                throw new StoredFormatException(what + " field '" + field + "' holds a non-string");
            }
            return e.textValue();
        });
    }

    List<Long> longs(String field) {
        return list(field, e -> {
            if (!e.isIntegralNumber() || !e.canConvertToLong()) {
                throw new StoredFormatException(what + " field '" + field + "' holds a non-integer");
            }
            return e.longValue();
        });
    }
}
