package io.redoubt.admin.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.redoubt.admin.ApiException;
import io.redoubt.admin.api.ErrorCode;
import io.redoubt.admin.api.UnknownFieldException;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * Request bodies read into the route's record, strictly: at most {@link #MAX_BODY_BYTES} (413 beyond),
 * JSON only, no field the record lacks, no value of another type (no "1" for 1, no 1 for true), nothing
 * after the object. Refusals name the field, never echo the body (it may hold a password).
 */
final class JsonBodies {
    static final int MAX_BODY_BYTES = 1 << 20;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * How much of a refused body is read and thrown away so that the client, still sending, gets to read
     * the 413 (a client whose write fails on a closed connection reports that instead of the answer).
     * Beyond this the connection is simply closed.
     */
    static final int MAX_DRAINED_BYTES = 4 * MAX_BODY_BYTES;

    /** The body, bounded; refused with 413 when the client says or sends more. */
    static byte[] read(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > MAX_BODY_BYTES) {
            throw tooLarge(in);
        }
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge(in);
        }
        return bytes;
    }

    private static ApiException tooLarge(InputStream in) throws IOException {
        byte[] sink = new byte[16 * 1024];
        long drained = 0;
        int n;
        while (drained < MAX_DRAINED_BYTES && (n = in.read(sink)) >= 0) {
            drained += n;
        }
        return tooLarge();
    }

    /** {@code bytes} as {@code type}, or null for an empty body. */
    Object parse(byte[] bytes, Class<?> type) {
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (JsonMappingException e) {
            var unknown = UnknownFieldException.in(e);
            if (unknown.isPresent()) {
                throw ApiException.of(unknown.get().toApiError());
            }
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
                throw ApiException.of(new UnknownFieldException(u.getPropertyName()).toApiError());
            }
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            throw new ApiException(ErrorCode.INVALID_SCHEMA, field.isEmpty()
                    ? "the body is not a JSON object of this route's shape (see /v1/openapi.yaml)"
                    : "'" + shorten(field) + "' has the wrong type or value (see /v1/openapi.yaml)");
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_SCHEMA, "the body is not valid JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_SCHEMA, "the body cannot be read as JSON");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(ErrorCode.REQUEST_TOO_LARGE, "the body is larger than " + MAX_BODY_BYTES
                + " bytes");
    }

    private static String shorten(String s) {
        String safe = s.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= 64 ? safe : safe.substring(0, 64) + "...";
    }
}
