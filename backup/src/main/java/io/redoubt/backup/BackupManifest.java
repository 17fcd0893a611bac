package io.redoubt.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a backup holds, written last (a backup without its manifest is incomplete): the database, one
 * entry per shard with its file's name, size and SHA-256 and the RDB's size and key count, when the
 * backup started and ended, and the Redoubt version that made it. Stored as JSON with a
 * {@code format_version}; a reader refuses a version it does not know.
 */
public record BackupManifest(String backupId, long databaseUid, String databaseName, List<ShardFile> shards,
        Instant startedAt, Instant finishedAt, String redoubtVersion) {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** One shard's file: gzip of an RDB of {@code rdbSize} bytes holding {@code keyCount} keys. */
    public record ShardFile(int shard, String file, long size, String sha256, long rdbSize, long keyCount) {
        public ShardFile {
            if (shard < 0 || file == null || file.contains("/") || size < 0 || rdbSize < 0 || keyCount < 0
                    || sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("invalid shard entry in manifest" + (file == null ? "" : " for " + file));
            }
        }
    }

    public BackupManifest {
        shards = List.copyOf(shards);
        for (int i = 0; i < shards.size(); i++) {
            if (shards.get(i).shard() != i) {
                throw new IllegalArgumentException("manifest shards must be numbered 0.." + (shards.size() - 1));
            }
        }
    }

    public int shardCount() {
        return shards.size();
    }

    public long keyCount() {
        return shards.stream().mapToLong(ShardFile::keyCount).sum();
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("backup_id", backupId);
        root.put("database_uid", databaseUid);
        root.put("database_name", databaseName);
        root.put("shard_count", shards.size());
        ArrayNode list = root.putArray("shards");
        for (ShardFile s : shards) {
            list.addObject().put("shard", s.shard()).put("file", s.file()).put("size", s.size())
                    .put("sha256", s.sha256()).put("rdb_size", s.rdbSize()).put("key_count", s.keyCount())
                    .put("compression", "gzip");
        }
        root.put("started_at", startedAt.toString());
        root.put("finished_at", finishedAt.toString());
        root.put("redoubt_version", redoubtVersion);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest always serializes", e);
        }
    }

    /** Reads a manifest; anything missing, unknown or inconsistent is an {@link IllegalArgumentException}. */
    public static BackupManifest fromJson(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the manifest is not a JSON object");
        }
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported manifest format_version " + root.path("format_version")
                    + " (this Redoubt reads " + FORMAT_VERSION + ")");
        }
        List<ShardFile> shards = new ArrayList<>();
        for (JsonNode s : required(root, "shards")) {
            shards.add(new ShardFile(required(s, "shard").asInt(), text(s, "file"), required(s, "size").asLong(),
                    text(s, "sha256"), required(s, "rdb_size").asLong(), required(s, "key_count").asLong()));
        }
        if (required(root, "shard_count").asInt() != shards.size()) {
            throw new IllegalArgumentException("the manifest's shard_count differs from its list of shards");
        }
        try {
            return new BackupManifest(text(root, "backup_id"), required(root, "database_uid").asLong(),
                    text(root, "database_name"), shards, Instant.parse(text(root, "started_at")),
                    Instant.parse(text(root, "finished_at")), text(root, "redoubt_version"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the manifest has an invalid time");
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("the manifest lacks " + field);
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }
}
