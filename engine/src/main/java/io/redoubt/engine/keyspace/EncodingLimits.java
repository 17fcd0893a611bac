package io.redoubt.engine.keyspace;

/**
 * Thresholds at which small collections leave their compact encoding, with Redis 7.0's parameter
 * names and compiled-in defaults (hash-max-listpack-entries is 512 in the binary, 128 in the sample redis.conf) (OBJECT ENCODING reports the same names Redis does at the same sizes); hll-sparse-max-bytes is
 * the size past which a HyperLogLog leaves its sparse encoding.
 */
public record EncodingLimits(int hashMaxListpackEntries, int hashMaxListpackValue,
                             int setMaxIntsetEntries,
                             int zsetMaxListpackEntries, int zsetMaxListpackValue,
                             int listMaxListpackSize, int listCompressDepth,
                             int streamNodeMaxBytes, int streamNodeMaxEntries, long hllSparseMaxBytes) {

    public static final EncodingLimits DEFAULT = new EncodingLimits(512, 64, 512, 128, 64, -2, 0, 4096, 100, 3000);

    public EncodingLimits withHashMaxListpackEntries(int v) {
        return new EncodingLimits(v, hashMaxListpackValue, setMaxIntsetEntries, zsetMaxListpackEntries,
                zsetMaxListpackValue, listMaxListpackSize, listCompressDepth, streamNodeMaxBytes, streamNodeMaxEntries, hllSparseMaxBytes);
    }

    public EncodingLimits withHashMaxListpackValue(int v) {
        return new EncodingLimits(hashMaxListpackEntries, v, setMaxIntsetEntries, zsetMaxListpackEntries,
                zsetMaxListpackValue, listMaxListpackSize, listCompressDepth, streamNodeMaxBytes, streamNodeMaxEntries, hllSparseMaxBytes);
    }

    public EncodingLimits withSetMaxIntsetEntries(int v) {
        return new EncodingLimits(hashMaxListpackEntries, hashMaxListpackValue, v, zsetMaxListpackEntries,
                zsetMaxListpackValue, listMaxListpackSize, listCompressDepth, streamNodeMaxBytes, streamNodeMaxEntries, hllSparseMaxBytes);
    }

    public EncodingLimits withZsetMaxListpackEntries(int v) {
        return new EncodingLimits(hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries, v,
                zsetMaxListpackValue, listMaxListpackSize, listCompressDepth, streamNodeMaxBytes, streamNodeMaxEntries, hllSparseMaxBytes);
    }

    public EncodingLimits withZsetMaxListpackValue(int v) {
        return new EncodingLimits(hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries,
                zsetMaxListpackEntries, v, listMaxListpackSize, listCompressDepth, streamNodeMaxBytes, streamNodeMaxEntries, hllSparseMaxBytes);
    }

    public EncodingLimits withListMaxListpackSize(int v) {
        return new EncodingLimits(hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries,
                zsetMaxListpackEntries, zsetMaxListpackValue, v, listCompressDepth, streamNodeMaxBytes, streamNodeMaxEntries, hllSparseMaxBytes);
    }

    public EncodingLimits withListCompressDepth(int v) {
        return new EncodingLimits(hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries,
                zsetMaxListpackEntries, zsetMaxListpackValue, listMaxListpackSize, v, streamNodeMaxBytes, streamNodeMaxEntries, hllSparseMaxBytes);
    }

    public EncodingLimits withStreamNodeMaxBytes(int v) {
        return new EncodingLimits(hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries,
                zsetMaxListpackEntries, zsetMaxListpackValue, listMaxListpackSize, listCompressDepth, v, streamNodeMaxEntries, hllSparseMaxBytes);
    }

    public EncodingLimits withStreamNodeMaxEntries(int v) {
        return new EncodingLimits(hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries,
                zsetMaxListpackEntries, zsetMaxListpackValue, listMaxListpackSize, listCompressDepth, streamNodeMaxBytes, v, hllSparseMaxBytes);
    }

    public EncodingLimits withHllSparseMaxBytes(long v) {
        return new EncodingLimits(hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries,
                zsetMaxListpackEntries, zsetMaxListpackValue, listMaxListpackSize, listCompressDepth, streamNodeMaxBytes,
                streamNodeMaxEntries, v);
    }
}
