package io.redoubt.cse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Walks a keyspace with SCAN and rewrites every value sealed under an older data key under the current one,
 * while the application keeps running. Each key is read under WATCH and rewritten in MULTI/EXEC, so a write
 * that lands between the read and the rewrite aborts the rewrite instead of being overwritten by a stale
 * value; the key is then read again. Rewrites keep the key's TTL (SET KEEPTTL, HSET, LSET, SADD before
 * SREM so a set never empties). Works on the layout {@link EncryptedJedis} writes: string values, hash
 * values, list elements and set members; keys holding anything else are counted and left alone.
 *
 * <p>Needs its own {@link Jedis} connection (WATCH is per connection).
 */
public final class Reencryptor {
    private static final int ATTEMPTS_PER_KEY = 100;

    private final Jedis jedis;
    private final ValueEncryptor encryptor;

    public Reencryptor(Jedis jedis, ValueEncryptor encryptor) {
        this.jedis = jedis;
        this.encryptor = encryptor;
    }

    /** What one walk did. {@code unreadable} keys failed authentication or are not in this format. */
    public record Report(long rewritten, long alreadyCurrent, long retried, long skipped, List<String> unreadable) {
    }

    /** Re-encrypts every key matching {@code pattern} (a SCAN MATCH pattern, {@code *} for all). */
    public Report run(String pattern) {
        Counts counts = new Counts();
        ScanParams params = new ScanParams().match(pattern).count(200);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
            ScanResult<byte[]> page = jedis.scan(cursor, params);
            for (byte[] key : page.getResult()) {
                reencryptKey(key, counts);
            }
            cursor = page.getCursorAsBytes();
        } while (!isEnd(cursor));
        return new Report(counts.rewritten, counts.current, counts.retried, counts.skipped,
                List.copyOf(counts.unreadable));
    }

    private static boolean isEnd(byte[] cursor) {
        return cursor.length == 1 && cursor[0] == '0';
    }

    private void reencryptKey(byte[] key, Counts counts) {
        for (int attempt = 0; attempt < ATTEMPTS_PER_KEY; attempt++) {
            jedis.watch(key);
            Outcome outcome;
            try {
                outcome = switch (jedis.type(key)) {
                    case "string" -> string(key);
                    case "hash" -> hash(key);
                    case "list" -> list(key);
                    case "set" -> set(key);
                    default -> Outcome.SKIPPED;
                };
            } catch (TamperedValueException e) {
                jedis.unwatch();
                counts.unreadable.add(new String(key, StandardCharsets.UTF_8));
                return;
            }
            switch (outcome) {
                case REWRITTEN -> {
                    counts.rewritten++;
                    return;
                }
                case CURRENT -> {
                    jedis.unwatch();
                    counts.current++;
                    return;
                }
                case SKIPPED -> {
                    jedis.unwatch();
                    counts.skipped++;
                    return;
                }
                case CONFLICT -> counts.retried++;
            }
        }
        throw new IllegalStateException("key " + new String(key, StandardCharsets.UTF_8) + " changed "
                + ATTEMPTS_PER_KEY + " times while it was being re-encrypted; run again later");
    }

    private enum Outcome { REWRITTEN, CURRENT, SKIPPED, CONFLICT }

    private Outcome string(byte[] key) {
        byte[] stored = jedis.get(key);
        if (stored == null) {
            return Outcome.SKIPPED;
        }
        if (!encryptor.needsReencryption(stored)) {
            return Outcome.CURRENT;
        }
        byte[] resealed = encryptor.seal(key, encryptor.open(key, stored));
        Transaction tx = jedis.multi();
        tx.set(key, resealed, new SetParams().keepTtl());
        return commit(tx);
    }

    private Outcome hash(byte[] key) {
        Map<byte[], byte[]> fields = jedis.hgetAll(key);
        List<byte[][]> stale = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : fields.entrySet()) {
            if (encryptor.needsReencryption(e.getValue())) {
                byte[] plain = encryptor.openField(key, e.getKey(), e.getValue());
                stale.add(new byte[][] {e.getKey(), encryptor.sealField(key, e.getKey(), plain)});
            }
        }
        if (stale.isEmpty()) {
            return Outcome.CURRENT;
        }
        Transaction tx = jedis.multi();
        for (byte[][] fieldAndValue : stale) {
            tx.hset(key, fieldAndValue[0], fieldAndValue[1]);
        }
        return commit(tx);
    }

    private Outcome list(byte[] key) {
        List<byte[]> elements = jedis.lrange(key, 0, -1);
        Transaction tx = null;
        for (int i = 0; i < elements.size(); i++) {
            if (encryptor.needsReencryption(elements.get(i))) {
                byte[] plain = encryptor.openElement(key, elements.get(i));
                byte[] resealed = encryptor.sealElement(key, plain);
                if (tx == null) {
                    tx = jedis.multi();
                }
                tx.lset(key, i, resealed);
            }
        }
        return tx == null ? Outcome.CURRENT : commit(tx);
    }

    private Outcome set(byte[] key) {
        List<byte[]> stale = new ArrayList<>();
        List<byte[]> resealed = new ArrayList<>();
        for (byte[] member : jedis.smembers(key)) {
            if (encryptor.needsReencryption(member)) {
                stale.add(member);
                resealed.add(encryptor.sealMember(key, encryptor.openMember(key, member)));
            }
        }
        if (stale.isEmpty()) {
            return Outcome.CURRENT;
        }
        Transaction tx = jedis.multi();
        tx.sadd(key, resealed.toArray(byte[][]::new));
        tx.srem(key, stale.toArray(byte[][]::new));
        return commit(tx);
    }

    /** EXEC answers null when a watched key changed: nothing was written, read the key again. */
    private static Outcome commit(Transaction tx) {
        List<Object> results = tx.exec();
        return results == null ? Outcome.CONFLICT : Outcome.REWRITTEN;
    }

    private static final class Counts {
        long rewritten;
        long current;
        long retried;
        long skipped;
        final List<String> unreadable = new ArrayList<>();
    }
}
