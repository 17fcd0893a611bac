package io.redoubt.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written openapi.yaml describes exactly the Route table: the same (method, path) pairs, each
 * operation's x-permission is its route's, its body and answer schemas are its route's records, and each
 * record's schema lists exactly the record's JSON fields.
 */
class OpenApiDocumentTest {
    private static OpenAPI api;

    @BeforeAll
    static void parse() throws IOException {
        String yaml;
        try (InputStream in = Route.class.getResourceAsStream("openapi.yaml")) {
            assertThat(in).as("openapi.yaml beside Route").isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        api = result.getOpenAPI();
        assertThat(api).isNotNull();
    }

    private static Map<String, Operation> operations() {
        Map<String, Operation> ops = new HashMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> ops.put(method.name() + " " + path, op)));
        return ops;
    }

    private static String key(Route r) {
        return r.method().name() + " " + r.path();
    }

    @Test
    void pathsAndMethodsAreExactlyTheRouteTable() {
        Set<String> table = new TreeSet<>();
        for (Route r : Route.values()) {
            table.add(key(r));
        }
        assertThat(new TreeSet<>(operations().keySet())).isEqualTo(table);
    }

    @Test
    void everyOperationCarriesItsRoutesPermission() {
        Map<String, Operation> ops = operations();
        for (Route r : Route.values()) {
            Operation op = ops.get(key(r));
            assertThat(op.getExtensions()).as(key(r)).containsEntry("x-permission", r.access().openApiPermission());
            boolean self = r.access().kind() == Access.Kind.SELF_OR_PERMISSION;
            assertThat(op.getExtensions().get("x-self")).as(key(r) + " x-self").isEqualTo(self ? Boolean.TRUE : null);
            boolean open = r.access().kind() == Access.Kind.UNAUTHENTICATED;
            assertThat(op.getSecurity() != null && op.getSecurity().isEmpty()).as(key(r) + " security: []")
                    .isEqualTo(open);
        }
    }

    @Test
    void bodiesAndAnswersAreTheRoutesRecords() {
        Map<String, Operation> ops = operations();
        for (Route r : Route.values()) {
            Operation op = ops.get(key(r));
            Optional<String> body = Optional.ofNullable(op.getRequestBody())
                    .map(b -> refName(b.getContent().get("application/json")));
            assertThat(body).as(key(r) + " body").isEqualTo(r.requestBody().map(RecordTypes::schemaName));
            Optional<String> answer = Optional.ofNullable(op.getResponses().get("200").getContent())
                    .map(c -> c.get("application/json")).map(OpenApiDocumentTest::refName);
            assertThat(answer).as(key(r) + " answer").isEqualTo(r.responseBody().map(RecordTypes::schemaName));
            assertThat(op.getResponses().get("default")).as(key(r) + " error answer").isNotNull();
        }
    }

    @Test
    void schemasListExactlyTheRecordsFields() {
        Set<Class<?>> records = new LinkedHashSet<>(RecordTypes.requests());
        records.addAll(RecordTypes.responses());
        @SuppressWarnings("rawtypes")
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> recordSchemas = new TreeSet<>();
        for (Class<?> c : records) {
            String name = RecordTypes.schemaName(c);
            recordSchemas.add(name);
            Schema<?> s = schemas.get(name);
            assertThat(s).as("schema " + name).isNotNull();
            assertThat(s.getProperties().keySet()).as(name + " properties")
                    .containsExactlyInAnyOrderElementsOf(RecordTypes.jsonNames(c));
            if (RequestBody.class.isAssignableFrom(c)) {
                assertThat(s.getAdditionalProperties()).as(name + " refuses unknown fields").isEqualTo(Boolean.FALSE);
            }
        }
        Set<String> all = new TreeSet<>(schemas.keySet());
        all.remove("ManagementRole");
        assertThat(all).as("no schema without a record").isEqualTo(recordSchemas);
    }

    private static String refName(MediaType media) {
        Schema<?> s = media.getSchema();
        String ref = "array".equals(s.getType()) ? s.getItems().get$ref() : s.get$ref();
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }
}
