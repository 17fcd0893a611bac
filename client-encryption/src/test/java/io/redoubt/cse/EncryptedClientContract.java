package io.redoubt.cse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.ByteArrayCodec;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * What the encrypted Jedis client and the re-encryption helper must do against a real server; run
 * against Redoubt and against Debian's redis-server by the subclasses. Each server persists to a folder
 * (RDB on SAVE, AOF on every write) so the tests can read what reached the disk.
 */
abstract class EncryptedClientContract {
    @TempDir
    Path keys;

    private TestKeys testKeys;
    private ValueEncryptor encryptor;
    private RedisClient client;
    private EncryptedRedis encrypted;
    private io.lettuce.core.RedisClient lettuce;

    /** The two clients the wrapper supports. */
    enum Client { JEDIS, LETTUCE }

    private EncryptedRedis open(Client kind, ValueEncryptor with) {
        return switch (kind) {
            case JEDIS -> EncryptedRedis.overJedis(RedisClient.create("127.0.0.1", port()), with);
            case LETTUCE -> EncryptedRedis.overLettuce(lettuce.connect(ByteArrayCodec.INSTANCE), with);
        };
    }

    abstract int port();

    /** Where the server writes its RDB and AOF files. */
    abstract Path dataDir();

    @BeforeEach
    void connect() {
        testKeys = new TestKeys(keys).withDataKey(1);
        encryptor = testKeys.encryptor(1);
        client = RedisClient.create("127.0.0.1", port());
        client.flushAll();
        lettuce = io.lettuce.core.RedisClient.create(RedisURI.create("127.0.0.1", port()));
        encrypted = open(Client.JEDIS, encryptor);
    }

    @AfterEach
    void disconnect() {
        encrypted.close();
        client.close();
        lettuce.shutdown();
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void everySupportedCommandRoundTripsAndTheServerHoldsOnlyCiphertext(Client kind) {
        EncryptedRedis encrypted = open(kind, encryptor);
        encrypted.set("s", "plain string");
        encrypted.mset(Map.of("m1", "first", "m2", "second"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Ann");
        fields.put("card", "4111 1111 1111 1111");
        encrypted.hset("h", fields);
        encrypted.hset("h", "city", "Lyon");
        encrypted.rpush("l", "b", "c");
        encrypted.lpush("l", "a");
        encrypted.sadd("set", "x", "y", "x");

        assertThat(encrypted.get("s")).isEqualTo("plain string");
        assertThat(encrypted.get("missing")).isNull();
        assertThat(encrypted.mget("m1", "missing", "m2")).containsExactly("first", null, "second");
        assertThat(encrypted.hget("h", "card")).isEqualTo("4111 1111 1111 1111");
        assertThat(encrypted.hget("h", "nope")).isNull();
        assertThat(encrypted.hgetAll("h")).containsOnly(Map.entry("name", "Ann"),
                Map.entry("card", "4111 1111 1111 1111"), Map.entry("city", "Lyon"));
        assertThat(encrypted.lrange("l", 0, -1)).containsExactly("a", "b", "c");
        assertThat(encrypted.lindex("l", 1)).isEqualTo("b");
        assertThat(encrypted.smembers("set")).containsExactlyInAnyOrder("x", "y");
        assertThat(encrypted.sismember("set", "x")).isTrue();
        assertThat(encrypted.sismember("set", "z")).isFalse();
        assertThat(encrypted.srem("set", "x")).isEqualTo(1);
        assertThat(encrypted.smembers("set")).containsExactly("y");

        assertThat(new String(client.get(b("s")), UTF_8)).doesNotContain("plain string");
        assertThat(new String(client.hget(b("h"), b("card")), UTF_8)).doesNotContain("4111");
        assertThat(client.lrange(b("l"), 0, -1)).noneMatch(e -> Arrays.equals(e, b("a")));
        encrypted.close();
    }

    @Test
    void theReadmeExampleWorksAsWritten() {
        char[] password = TestKeys.PASSWORD;
        Pkcs12KeySource.addNewKek(keys.resolve("keks.p12"), password, "kek-2026");
        List<WrappedDataKey> storedDataKeys = List.of(WrappedDataKey.decode(
                Keyring.newDataKey(Pkcs12KeySource.open(keys.resolve("keks.p12"), password, "kek-2026"), 1).encode()));
        // README, "Five lines"
        Pkcs12KeySource keks = Pkcs12KeySource.open(keys.resolve("keks.p12"), password, "kek-2026");
        Keyring keyring = Keyring.unwrap(keks, storedDataKeys, 1);
        ValueEncryptor encryptor = new ValueEncryptor(keyring);
        EncryptedRedis redis = EncryptedRedis.overJedis(RedisClient.create("127.0.0.1", port()), encryptor);
        redis.hset("user:42", "card", "4111 1111 1111 1111");  String card = redis.hget("user:42", "card");

        assertThat(card).isEqualTo("4111 1111 1111 1111");
        redis.close();
    }

    @Test
    void aChangedByteASwappedValueAndATruncatedHeaderAreDetected() {
        encrypted.set("a", "alpha");
        encrypted.set("b", "bravo");
        encrypted.hset("h", Map.of("f1", "one", "f2", "two"));
        byte[] a = client.get(b("a"));
        byte[] bValue = client.get(b("b"));

        byte[] changed = a.clone();
        changed[changed.length - 3] ^= 0x20;
        client.set(b("a"), changed);
        assertThatThrownBy(() -> encrypted.get("a")).isInstanceOf(TamperedValueException.class);

        client.set(b("a"), bValue);
        assertThatThrownBy(() -> encrypted.get("a")).isInstanceOf(TamperedValueException.class);
        client.hset(b("h"), b("f1"), client.hget(b("h"), b("f2")));
        assertThatThrownBy(() -> encrypted.hget("h", "f1")).isInstanceOf(TamperedValueException.class);
        assertThatThrownBy(() -> encrypted.hgetAll("h")).isInstanceOf(TamperedValueException.class);

        client.set(b("a"), Arrays.copyOf(a, 3));
        assertThatThrownBy(() -> encrypted.get("a")).isInstanceOf(TamperedValueException.class)
                .hasMessageContaining("truncated");
        client.set(b("a"), Arrays.copyOfRange(a, 6, a.length));
        assertThatThrownBy(() -> encrypted.get("a")).isInstanceOf(TamperedValueException.class);

        assertThat(encrypted.get("b")).isEqualTo("bravo");
    }

    @Test
    void oldAndNewDataKeysMixAfterARotation() {
        encrypted.set("old", "sealed under key 1");
        encrypted.hset("h", "f-old", "old field");

        ValueEncryptor rotated = testKeys.withDataKey(2).encryptor(2);
        EncryptedRedis after = open(Client.LETTUCE, rotated);
        after.set("new", "sealed under key 2");
        after.hset("h", "f-new", "new field");

        assertThat(ValueEncryptor.keyIdOf(client.get(b("old")))).isEqualTo(1);
        assertThat(ValueEncryptor.keyIdOf(client.get(b("new")))).isEqualTo(2);
        assertThat(after.mget("old", "new")).containsExactly("sealed under key 1", "sealed under key 2");
        assertThat(after.hgetAll("h")).containsOnly(Map.entry("f-old", "old field"), Map.entry("f-new", "new field"));
        assertThatThrownBy(() -> encrypted.get("new")).isInstanceOf(TamperedValueException.class)
                .hasMessageContaining("data key id 2");
        after.close();
    }

    @Test
    void deterministicValuesAnswerEqualityLookups() {
        // an index from a secret (an e-mail address) to a user id, with the address sealed in the key name
        byte[] namespace = b("users-by-email");
        for (String[] user : new String[][] {{"ann@example.com", "1"}, {"bob@example.com", "2"}}) {
            byte[] indexKey = encryptor.sealDeterministic(namespace, b(user[0]));
            client.set(indexKey, encryptor.seal(indexKey, b(user[1])));
        }

        byte[] lookup = encryptor.sealDeterministic(namespace, b("bob@example.com"));
        assertThat(encryptor.open(lookup, client.get(lookup))).isEqualTo(b("2"));
        assertThat(client.exists(encryptor.sealDeterministic(namespace, b("eve@example.com")))).isFalse();
        assertThat(client.keys(b("*"))).hasSize(2).noneMatch(k -> new String(k, UTF_8).contains("example.com"));

        // set members: SADD deduplicates and SISMEMBER finds members without the server seeing them
        encrypted.sadd("tags", "vip", "vip", "beta");
        assertThat(client.scard(b("tags"))).isEqualTo(2);
        assertThat(encrypted.sismember("tags", "vip")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void commandsThatCannotWorkOnCiphertextAreRefusedBeforeTheyAreSent(Client kind) {
        EncryptedRedis encrypted = open(kind, encryptor);
        encrypted.set("n", "10");
        byte[] stored = client.get(b("n"));

        for (String[] command : new String[][] {{"INCR", "n"}, {"incrby", "n", "5"}, {"APPEND", "n", "0"},
                {"GETRANGE", "n", "0", "1"}, {"SETRANGE", "n", "0", "x"}, {"BITOP", "AND", "d", "n"},
                {"SORT", "l"}, {"ZRANGEBYLEX", "z", "-", "+"}, {"EVAL", "return redis.call('GET', KEYS[1])", "1", "n"},
                {"RENAME", "n", "m"}, {"GETSET", "n", "x"}}) {
            assertThatThrownBy(() -> encrypted.sendCommand(command[0], Arrays.copyOfRange(command, 1, command.length)))
                    .as(command[0]).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageStartingWith(command[0].toUpperCase() + " is ");
        }
        assertThat(client.get(b("n"))).isEqualTo(stored);
        assertThat(encrypted.get("n")).isEqualTo("10");

        assertThat(encrypted.sendCommand("EXPIRE", "n", "100")).isEqualTo(1L);
        assertThat(encrypted.sendCommand("DEL", "n")).isEqualTo(1L);
        assertThat(encrypted.get("n")).isNull();
        encrypted.close();
    }

    @Test
    void noPlaintextOfTheTestValuesReachesTheRdbOrTheAof() throws IOException {
        List<String> secrets = List.of("SECRET-string-7f3a", "SECRET-hash-c91e", "SECRET-list-22d0",
                "SECRET-set-5b8e", "SECRET-mset-a1f4");
        encrypted.set("s", secrets.get(0));
        encrypted.hset("h", "f", secrets.get(1));
        encrypted.rpush("l", secrets.get(2));
        encrypted.sadd("set", secrets.get(3));
        encrypted.mset(Map.of("m", secrets.get(4)));
        // a control value written in the clear, to prove the scan would see plaintext if it were there
        client.set("control", "CONTROL-plaintext-visible");
        try (Jedis admin = new Jedis("127.0.0.1", port())) {
            admin.save();
        }

        byte[] disk = readEveryFile(dataDir());
        assertThat(contains(disk, b("CONTROL-plaintext-visible"))).as("control found on disk").isTrue();
        for (String secret : secrets) {
            assertThat(contains(disk, b(secret))).as(secret).isFalse();
            assertThat(contains(disk, b(secret.substring(7)))).as(secret).isFalse();
        }
    }

    @Test
    void reencryptionUnderConcurrentWritesLosesNothing() throws Exception {
        int keyCount = 300;
        for (int i = 0; i < keyCount; i++) {
            encrypted.set("k:" + i, "initial-" + i);
        }
        encrypted.hset("h", Map.of("a", "1", "b", "2"));
        encrypted.sadd("set", "m1", "m2");
        client.expire("k:7", 1000);
        int counters = 4;
        for (int c = 0; c < counters; c++) {
            encrypted.set("counter:" + c, "0");
        }
        encrypted.rpush("log", "start");

        // An application instance not yet upgraded keeps writing under the old data key while the helper
        // re-encrypts under the new one, again and again. The instance increments counters the way an
        // application must on ciphertext (WATCH, read, add, MULTI/SET/EXEC) and prepends to a list: an
        // increment or an element lost to a stale rewrite shows in the final values.
        // (rotation step 1 gave every instance key 2 for reading; step 2 made it current on the helper's side)
        ValueEncryptor rotated = testKeys.withDataKey(2).encryptor(2);
        ValueEncryptor oldInstance = testKeys.encryptor(1);
        int increments = 300;
        java.util.concurrent.atomic.AtomicReference<Throwable> writerFailure =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicBoolean writerDone = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Jedis other = new Jedis("127.0.0.1", port())) {
                for (int n = 0; n < increments; n++) {
                    for (int c = 0; c < counters; c++) {
                        incrementEncrypted(other, oldInstance, b("counter:" + c));
                    }
                    other.lpush(b("log"), oldInstance.sealElement(b("log"), b("e" + n)));
                }
            } catch (RuntimeException e) {
                writerFailure.set(e);
            } finally {
                writerDone.set(true);
            }
        });
        long retried = 0;
        try (Jedis helperConnection = new Jedis("127.0.0.1", port())) {
            Reencryptor helper = new Reencryptor(helperConnection, rotated);
            writer.start();
            while (!writerDone.get()) {
                retried += helper.run("counter:*").retried() + helper.run("log").retried();
            }
            writer.join();
            assertThat(writerFailure.get()).isNull();
            Reencryptor.Report last = helper.run("*");
            assertThat(last.unreadable()).isEmpty();
            assertThat(helper.run("*").rewritten()).isZero();
        }

        EncryptedRedis reader = open(Client.JEDIS, rotated);
        for (int c = 0; c < counters; c++) {
            assertThat(reader.get("counter:" + c)).as("counter:" + c).isEqualTo(Integer.toString(increments));
        }
        List<String> log = reader.lrange("log", 0, -1);
        assertThat(log).hasSize(increments + 1).startsWith("e" + (increments - 1)).endsWith("start");
        for (int i = 0; i < keyCount; i++) {
            assertThat(reader.get("k:" + i)).as("k:" + i).isEqualTo("initial-" + i);
            assertThat(ValueEncryptor.keyIdOf(client.get(b("k:" + i)))).isEqualTo(2);
        }
        assertThat(reader.hgetAll("h")).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(reader.smembers("set")).containsExactlyInAnyOrder("m1", "m2");
        assertThat(client.smembers(b("set"))).allMatch(m -> ValueEncryptor.keyIdOf(m) == 2);
        assertThat(client.hgetAll(b("h")).values()).allMatch(v -> ValueEncryptor.keyIdOf(v) == 2);
        assertThat(client.lrange(b("log"), 0, -1)).allMatch(e -> ValueEncryptor.keyIdOf(e) == 2);
        assertThat(client.ttl("k:7")).isPositive();
        reader.close();
        System.out.println(getClass().getSimpleName() + ": re-encryption retried " + retried
                + " keys written concurrently");
    }

    /** An application's INCR on an encrypted counter: optimistic, retried until EXEC goes through. */
    private static void incrementEncrypted(Jedis jedis, ValueEncryptor encryptor, byte[] key) {
        while (true) {
            jedis.watch(key);
            long value = Long.parseLong(new String(encryptor.open(key, jedis.get(key)), UTF_8));
            redis.clients.jedis.Transaction tx = jedis.multi();
            tx.set(key, encryptor.seal(key, b(Long.toString(value + 1))));
            if (tx.exec() != null) {
                return;
            }
        }
    }

    private static byte[] readEveryFile(Path dir) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).as("files in " + dir).isNotEmpty();
        for (Path file : files) {
            all.writeBytes(Files.readAllBytes(file));
        }
        return all.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
