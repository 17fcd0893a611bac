package io.redoubt.cluster.api;

import java.util.Objects;

/**
 * A node of the cluster (RE {@code /v1/nodes}).
 *
 * @param uid the node's id (RE {@code uid}); 0 in a put asks the store to allocate one
 * @param address the address other nodes and clients reach it on (RE {@code addr})
 * @param apiPort its REST API port (RE {@code cnm_https_port})
 * @param raftPort its cluster configuration store peer port
 */
public record Node(long uid, String address, int apiPort, int raftPort) implements Identified {
    public Node {
        FieldRules.uid("uid", uid);
        Objects.requireNonNull(address, "addr");
        if (address.isBlank()) {
            throw new IllegalArgumentException("addr must not be blank");
        }
        FieldRules.port("cnm_https_port", apiPort);
        FieldRules.port("raft port", raftPort);
    }

    @Override
    public Node withUid(long newUid) {
        return new Node(newUid, address, apiPort, raftPort);
    }
}
