package io.redoubt.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The records against bodies shaped like RE's examples (its request pages), with Jackson databind as the
 * server and the CLI will use it: they read RE's JSON and write it back unchanged, refuse unknown fields
 * even with a lenient mapper, never answer a secret, and check their fields with RE's error codes.
 */
class RecordJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A mapper configured to ignore unknown fields: the records must refuse them anyway. */
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /**
     * A field that would hold a secret: a password, key, secret, credential or hash, alone or as the last
     * word of a name (new_password, api_key, password_hash). Settings about them (password_min_length,
     * passwords_count) are not secrets.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(.*_)?(pass|passwd|password|passwords|pwd|key|keys|secret|secrets|credential|credentials|hash|pem)");

    private static <T> T roundTrip(String body, Class<T> type) throws Exception {
        T value = JSON.readValue(body, type);
        assertThat(JSON.readTree(JSON.writeValueAsString(value))).as(type.getSimpleName() + " written back")
                .isEqualTo(JSON.readTree(body));
        return value;
    }

    @Test
    void databaseBodiesReadAndWriteAsRe() throws Exception {
        BdbRequest create = roundTrip("""
                {"name": "test-database", "type": "redis", "memory_size": 1073741824, "shards_count": 2,
                 "port": 12000, "eviction_policy": "volatile-lru", "data_persistence": "aof",
                 "aof_policy": "appendfsync-every-sec", "snapshot_policy": [{"secs": 3600, "writes": 1}],
                 "tls_mode": "enabled", "enforce_client_authentication": "enabled",
                 "authentication_ssl_client_certs": [{"client_cert": "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n"}],
                 "default_user": false, "roles_permissions": [{"role_uid": 3, "redis_acl_uid": 2}],
                 "disconnect_clients_on_password_removal": true}
                """, BdbRequest.class);
        assertThat(create.validateForCreate()).isEmpty();
        assertThat(create.memorySize()).isEqualTo(1073741824L);
        assertThat(create.rolesPermissions()).containsExactly(new RolePermission(3, 2));

        BdbRequest update = roundTrip("{\"memory_size\": 2147483648, \"eviction_policy\": \"allkeys-lfu\"}", BdbRequest.class);
        assertThat(update.validate()).isEmpty();
        assertThat(update.validateForCreate()).map(ApiError::errorCode).contains("missing_db_name");

        Bdb bdb = roundTrip("""
                {"uid": 1, "name": "test-database", "type": "redis", "status": "active", "port": 12000,
                 "memory_size": 1073741824, "shards_count": 1, "eviction_policy": "noeviction",
                 "data_persistence": "disabled", "tls_mode": "disabled", "enforce_client_authentication": "disabled",
                 "default_user": true, "roles_permissions": [], "disconnect_clients_on_password_removal": false}
                """, Bdb.class);
        assertThat(bdb.uid()).isEqualTo(1);

        assertThat(roundTrip("{\"password\": \"new password\"}", BdbPasswordRequest.class).validate()).isEmpty();
        roundTrip("{\"uid\": 1, \"passwords_count\": 2}", BdbPasswords.class);
    }

    @Test
    void userRoleAndAclBodiesReadAndWriteAsRe() throws Exception {
        UserRequest user = roundTrip("""
                {"email": "newuser@redis.com", "password": "my-password", "name": "pat.doe",
                 "role_uids": [3, 4], "auth_method": "regular"}
                """, UserRequest.class);
        assertThat(user.validateForCreate()).isEmpty();
        UserRequest certificateUser = roundTrip("""
                {"name": "app1", "auth_method": "certificate", "role": "db_viewer",
                 "certificate_subject_line": "CN=app1,OU=dev,O=acme,L=city,ST=state,C=US"}
                """, UserRequest.class);
        assertThat(certificateUser.validateForCreate()).isEmpty();
        assertThat(certificateUser.role()).isEqualTo(ManagementRole.DB_VIEWER);
        User shown = roundTrip("""
                {"uid": 1, "password_issue_date": "2017-03-02T09:43:34Z", "email": "user@redislabs.com",
                 "name": "john.doe", "role": "admin", "auth_method": "regular", "status": "active"}
                """, User.class);
        assertThat(shown.role()).isEqualTo(ManagementRole.ADMIN);

        RoleRequest role = roundTrip("""
                {"name": "Scoped viewers", "management": "db_viewer", "resources": [{"type": "db", "uids": ["1", "2"]}]}
                """, RoleRequest.class);
        assertThat(role.validateForCreate()).isEmpty();
        roundTrip("{\"uid\": 17, \"name\": \"DBA\", \"management\": \"admin\"}", Role.class);

        RedisAclRequest acl = roundTrip("{\"name\": \"Test_ACL_1\", \"acl\": \"+@read +FT.INFO +FT.SEARCH\"}",
                RedisAclRequest.class);
        assertThat(acl.validateForCreate()).isEmpty();
        roundTrip("{\"uid\": 1, \"name\": \"Full Access\", \"acl\": \"+@all ~*\"}", RedisAcl.class);
    }

    @Test
    void passwordTokenAndBootstrapBodiesReadAndWriteAsRe() throws Exception {
        assertThat(roundTrip("{\"new_password\": \"a password to add\"}", NewPasswordRequest.class).validate()).isEmpty();
        assertThat(roundTrip("{\"old_password\": \"an existing password\"}", OldPasswordRequest.class).validate()).isEmpty();
        JwtRequest jwt = roundTrip("{\"ttl\": 3600}", JwtRequest.class);
        assertThat(jwt.validate()).isEmpty();
        assertThat(jwt.ttlSeconds()).isEqualTo(3600);
        assertThat(roundTrip("{}", JwtRequest.class).ttlSeconds()).isEqualTo(300);
        roundTrip("{\"access_token\": \"eyJ5bGciOiKIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXViOjE0NjU0\"}", JwtResponse.class);

        BootstrapRequest bootstrap = roundTrip("""
                {"action": "create_cluster", "cluster": {"name": "cluster.acme.com"},
                 "credentials": {"username": "admin", "password": "Admin-Passw0rd!"}}
                """, BootstrapRequest.class);
        assertThat(bootstrap.validate()).isEmpty();
        roundTrip("{\"bootstrap_status\": {\"state\": \"completed\", \"start_time\": \"2024-01-01T10:00:00Z\","
                + " \"end_time\": \"2024-01-01T10:00:05Z\"}}", BootstrapStatus.class);
    }

    @Test
    void clusterCertificateAndLogBodiesReadAndWriteAsRe() throws Exception {
        ClusterRequest cluster = roundTrip("""
                {"password_complexity": true, "password_min_length": 12, "password_expiration_duration": 90,
                 "min_control_TLS_version": "1.3", "min_data_TLS_version": "1.2",
                 "control_plane_basic_authentication": false, "mtls_certificate_authentication": true,
                 "mtls_client_cert_subject_validation_type": "san_cn", "cm_session_timeout_minutes": 15,
                 "disconnect_clients_on_password_removal": "auto"}
                """, ClusterRequest.class);
        assertThat(cluster.validate()).isEmpty();
        ClusterPolicy policy = roundTrip("""
                {"login_lockout_threshold": 5, "login_lockout_counter_reset_after": 900,
                 "login_lockout_duration": 1800, "acl_pubsub_default": "resetchannels"}
                """, ClusterPolicy.class);
        assertThat(policy.validate()).isEmpty();
        CertificatesRequest certs = roundTrip("""
                {"certificates": [{"name": "proxy", "certificate": "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n",
                                   "key": "%s"},
                                  {"name": "mtls_trusted_ca", "certificate": "-----BEGIN CERTIFICATE-----\\nMIIC\\n-----END CERTIFICATE-----\\n"}]}
                """.formatted(jsonString(generatedPrivateKeyPem())), CertificatesRequest.class);
        assertThat(certs.validate()).isEmpty();
        roundTrip("{\"api_cert\": \"-----BEGIN CERTIFICATE-----\\n\"}", ClusterCertificates.class);
        roundTrip("""
                {"time": "2014-08-29T11:19:49Z", "type": "bdb_updated", "severity": "INFO", "object": "bdb:1", "bdb_uid": "1",
                 "originator_uid": 1, "originator_username": "admin", "source_ip": "127.0.0.1",
                 "outcome": "success", "changed_fields": ["memory_size"]}
                """, LogEvent.class);
        roundTrip("{\"uid\": 1, \"addr\": \"10.0.0.1\", \"status\": \"active\", \"software_version\": \"0.1.0\","
                + " \"total_memory\": 8000000000, \"cores\": 2, \"shard_count\": 1, \"uptime\": 60}", Node.class);
    }

    @Test
    void theErrorBodyIsResShape() throws Exception {
        ApiError error = ApiError.of(ErrorCode.PASSWORD_NOT_COMPLEX, "the password needs an upper-case letter");
        assertThat(JSON.readTree(JSON.writeValueAsString(error))).isEqualTo(JSON.readTree(
                "{\"error_code\": \"password_not_complex\", \"description\": \"the password needs an upper-case letter\"}"));
        ApiError fromNewerServer = roundTrip("{\"error_code\": \"some_future_code\", \"description\": \"x\"}", ApiError.class);
        assertThat(fromNewerServer.code()).isEmpty();
        assertThat(roundTrip("{\"error_code\": \"port_unavailable\"}", ApiError.class).code())
                .contains(ErrorCode.PORT_UNAVAILABLE);
    }

    @Test
    void errorCodesAreUniqueWithTheirStatus() {
        List<String> codes = new ArrayList<>();
        for (ErrorCode c : ErrorCode.values()) {
            codes.add(c.code());
            assertThat(c.code()).matches("[a-z][a-z0-9_]*");
            assertThat(c.httpStatus()).isBetween(400, 599);
            assertThat(ErrorCode.fromCode(c.code())).contains(c);
        }
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(ErrorCode.UNAUTHORIZED.httpStatus()).isEqualTo(401);
        assertThat(ErrorCode.FORBIDDEN.httpStatus()).isEqualTo(403);
        assertThat(ErrorCode.NOT_FOUND.httpStatus()).isEqualTo(404);
        // issue 16: a port in use, a memory size the node cannot hold, an unknown field: 400
        assertThat(ErrorCode.PORT_UNAVAILABLE.httpStatus()).isEqualTo(400);
        assertThat(ErrorCode.INSUFFICIENT_RESOURCES.httpStatus()).isEqualTo(400);
        assertThat(ErrorCode.UNKNOWN_FIELD.httpStatus()).isEqualTo(400);
    }

    @Test
    void everyRequestRecordRefusesUnknownFieldsEvenWithALenientMapper() {
        assertThat(RecordTypes.requests()).hasSizeGreaterThan(10);
        for (Class<?> type : RecordTypes.requests()) {
            assertThat(RequestBody.class).as(type.getSimpleName()).isAssignableFrom(type);
            Throwable t = catchThrowable(() -> LENIENT.readValue("{\"no_such_field\": 1}", type));
            assertThat(UnknownFieldException.in(t)).as(type.getSimpleName()).get()
                    .extracting(UnknownFieldException::field).isEqualTo("no_such_field");
        }
        Throwable nested = catchThrowable(() -> LENIENT.readValue(
                "{\"snapshot_policy\": [{\"secs\": 1, \"writes\": 1, \"every\": 2}]}", BdbRequest.class));
        assertThat(UnknownFieldException.in(nested)).get().extracting(u -> u.toApiError().errorCode())
                .isEqualTo("unknown_field");
    }

    @Test
    void aHugeUnknownFieldNameIsNotEchoedWhole() {
        String name = "x".repeat(10_000);
        Throwable t = catchThrowable(() -> JSON.readValue("{\"" + name + "\": 1}", RoleRequest.class));
        assertThat(UnknownFieldException.in(t)).get()
                .satisfies(u -> assertThat(u.toApiError().description()).hasSizeLessThan(200));
    }

    @Test
    void wrongTypesAndUnknownRolesFailToRead() {
        assertThatThrownBy(() -> JSON.readValue("{\"memory_size\": \"big\"}", BdbRequest.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"management\": \"root\"}", RoleRequest.class))
                .hasMessageContaining("unknown management role 'root'");
        assertThatThrownBy(() -> JSON.readValue("[1]", JwtRequest.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void noResponseCarriesAFieldNamedLikeASecret() throws Exception {
        assertThat(RecordTypes.responses()).hasSizeGreaterThan(10);
        for (Class<?> type : RecordTypes.responses()) {
            // values shared by a request and its answer (SnapshotPolicy, RolePermission, ...) are checked too
            Object sample = RecordTypes.sample(type);
            JsonNode written = JSON.readTree(JSON.writeValueAsString(sample));
            List<String> names = new ArrayList<>();
            collectFieldNames(written, names);
            assertThat(names).as(type.getSimpleName() + " fields").isNotEmpty()
                    .noneMatch(n -> SECRET_NAME.matcher(n).matches());
            // and every field is written: the sample sets them all, so the JSON names are the record's
            assertThat(JSON.readValue(JSON.writeValueAsString(sample), type)).as(type.getSimpleName())
                    .isEqualTo(sample);
        }
    }

    @Test
    void requestRecordsNeverPrintASecret() {
        for (Class<?> type : RecordTypes.requests()) {
            String printed = RecordTypes.sample(type).toString();
            for (String secret : List.of("v-password", "v-new_password", "v-old_password", "v-key")) {
                assertThat(printed).as(type.getSimpleName()).doesNotContain(secret);
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"memory_size": 0}                                   | invalid_param
            {"memory_size": -5}                                  | invalid_param
            {"port": 0}                                          | invalid_param
            {"port": 65536}                                      | invalid_param
            {"shards_count": 0}                                  | invalid_sharding
            {"shards_count": 513}                                | invalid_sharding
            {"eviction_policy": "lru"}                           | invalid_param
            {"data_persistence": "rdb"}                          | invalid_data_persistence
            {"aof_policy": "always"}                             | invalid_data_persistence
            {"snapshot_policy": [{"secs": 0, "writes": 1}]}      | invalid_data_persistence
            {"tls_mode": "on"}                                   | invalid_param
            {"enforce_client_authentication": "yes"}             | invalid_param
            {"name": "../etc"}                                   | invalid_param
            {"name": "a b"}                                      | invalid_param
            {"type": "memcached"}                                | invalid_param
            {"authentication_ssl_client_certs": [{"client_cert": "x"}]} | invalid_certificate
            {"roles_permissions": [{"role_uid": 1}]}             | missing_field
            """)
    void databaseFieldChecksAnswerResCodes(String body, String code) throws Exception {
        assertThat(JSON.readValue(body, BdbRequest.class).validate()).map(ApiError::errorCode).contains(code);
    }

    @Test
    void databaseLimitsAreInclusive() throws Exception {
        for (String ok : List.of("{\"port\": 1}", "{\"port\": 65535}", "{\"shards_count\": 1}", "{\"shards_count\": 512}",
                "{\"memory_size\": 1}", "{\"name\": \"db-1\"}")) {
            assertThat(JSON.readValue(ok, BdbRequest.class).validate()).as(ok).isEmpty();
        }
        assertThat(JSON.readValue("{\"name\": \"db\"}", BdbRequest.class).validateForCreate())
                .map(ApiError::errorCode).contains("missing_memory_size");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"ttl": 0}      | invalid_param
            {"ttl": 86401}  | invalid_param
            {"ttl": 1}      |
            {"ttl": 86400}  |
            """)
    void jwtTtlIsResRange(String body, String code) throws Exception {
        assertThat(JSON.readValue(body, JwtRequest.class).validate().map(ApiError::errorCode))
                .isEqualTo(Optional.ofNullable(code));
    }

    @Test
    void otherRequestsCheckTheirFields() throws Exception {
        expect(ClusterRequest.class, "{\"password_min_length\": 7}", "invalid_param");
        expect(ClusterRequest.class, "{\"password_min_length\": 257}", "invalid_param");
        expect(ClusterRequest.class, "{\"min_control_TLS_version\": \"1.1\"}", "invalid_param");
        expect(ClusterRequest.class, "{\"disconnect_clients_on_password_removal\": \"sometimes\"}", "invalid_param");
        expect(ClusterPolicy.class, "{\"login_lockout_threshold\": -1}", "invalid_param");
        expect(ClusterPolicy.class, "{\"acl_pubsub_default\": \"none\"}", "invalid_param");
        expect(UserRequest.class, "{\"name\": \"pat doe\"}", "invalid_param");
        expect(UserRequest.class, "{\"name\": \"../admin\"}", "invalid_param");
        expect(UserRequest.class, "{\"name\": \"a<b\"}", "invalid_param");
        expect(UserRequest.class, "{\"email\": \"not-an-address\"}", "invalid_param");
        expect(UserRequest.class, "{\"auth_method\": \"sso\"}", "invalid_param");
        expect(RoleRequest.class, "{\"management\": \"admin\", \"resources\": [{\"type\": \"db\", \"uids\": [\"1\"]}]}",
                "invalid_param");
        expect(RoleRequest.class, "{\"resources\": [{\"type\": \"db\", \"uids\": [\"one\"]}]}", "invalid_param");
        expect(RoleRequest.class, "{\"resources\": [{\"type\": \"node\", \"uids\": [\"1\"]}]}", "invalid_param");
        expect(RedisAclRequest.class, "{\"acl\": \"+get\\u0000\"}", "invalid_param");
        expect(CertificatesRequest.class, "{\"certificates\": []}", "missing_field");
        expect(CertificatesRequest.class, "{\"certificates\": [{\"name\": \"foo\", \"certificate\": \"-----BEGIN CERTIFICATE-----\"}]}",
                "invalid_param");
        expect(CertificatesRequest.class, "{\"certificates\": [{\"name\": \"api\", \"certificate\": \"hello\", \"key\": \"k\"}]}",
                "invalid_certificate");
        expect(CertificatesRequest.class, "{\"certificates\": [{\"name\": \"api\", \"certificate\": \"-----BEGIN CERTIFICATE-----\"}]}",
                "missing_field");
        expect(CertificatesRequest.class, "{\"certificates\": [{\"name\": \"mtls_trusted_ca\", \"certificate\": "
                + "\"-----BEGIN CERTIFICATE-----\", \"key\": \"" + jsonString(generatedPrivateKeyPem()) + "\"}]}",
                "invalid_param");
        expect(BootstrapRequest.class, "{\"cluster\": {\"name\": \"c.example\"}}", "missing_field");
        expect(BootstrapRequest.class, "{\"action\": \"join_cluster\", \"cluster\": {\"name\": \"c\"},"
                + " \"credentials\": {\"username\": \"a\", \"password\": \"p\"}}", "invalid_param");
        expect(NewPasswordRequest.class, "{}", "missing_field");
        expect(OldPasswordRequest.class, "{}", "missing_field");
        expect(BdbPasswordRequest.class, "{\"password\": \"\"}", "missing_field");

        assertThat(JSON.readValue("{\"name\": \"u\"}", UserRequest.class).validateForCreate())
                .map(ApiError::errorCode).contains("missing_field");
        assertThat(JSON.readValue("{\"name\": \"u\", \"auth_method\": \"certificate\"}", UserRequest.class)
                .validateForCreate()).map(ApiError::description).hasValueSatisfying(d -> assertThat(d)
                        .contains("certificate_subject_line"));
        assertThat(JSON.readValue("{\"name\": \"r\"}", RoleRequest.class).validateForCreate())
                .map(ApiError::errorCode).contains("missing_field");
    }

    @Test
    void logQueriesAreChecked() {
        assertThat(new LogQuery("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "desc", "10", "0").validate()).isEmpty();
        assertThat(new LogQuery(null, null, null, null, null).validate()).isEmpty();
        assertThat(new LogQuery("yesterday", null, null, null, null).validate()).isPresent();
        assertThat(new LogQuery("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z", null, null, null).validate()).isPresent();
        assertThat(new LogQuery(null, null, "up", null, null).validate()).isPresent();
        assertThat(new LogQuery(null, null, null, "-1", null).validate()).isPresent();
        assertThat(new LogQuery(null, null, null, "99999999999", null).validate()).isPresent();
        assertThat(new LogQuery(null, null, null, null, "x").validate()).isPresent();
    }

    private static void expect(Class<? extends RequestBody> type, String body, String code) throws Exception {
        assertThat(JSON.readValue(body, type).validate()).as(type.getSimpleName() + " " + body)
                .map(ApiError::errorCode).contains(code);
    }

    private static void collectFieldNames(JsonNode node, List<String> names) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                names.add(name);
                collectFieldNames(node.get(name), names);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectFieldNames(child, names));
        }
    }

    /**
     * A private key made now and written as PKCS#8 PEM with the JDK alone (admin-api's tests have no PEM
     * writer): no key is ever committed with the tests.
     */
    private static String generatedPrivateKeyPem() {
        try {
            java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
            ec.initialize(256);
            String body = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(ec.generateKeyPair().getPrivate().getEncoded());
            String type = "PRIVATE KEY";
            return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code text} as the inside of a JSON string: its line breaks escaped. */
    private static String jsonString(String text) {
        return text.replace("\n", "\\n");
    }
}
