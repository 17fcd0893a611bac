package io.redoubt.cluster.api;

import java.util.Objects;

/**
 * A named Redis ACL rule (RE {@code /v1/redis_acls}), e.g. {@code +@read ~app:*}. The rule text is kept as
 * given; the acl module parses it when a database applies it, and the admin service checks it before a put.
 *
 * @param uid RE {@code uid}; 0 in a put asks the store to allocate one
 * @param name RE {@code name}, unique among Redis ACLs
 * @param acl RE {@code acl}
 */
public record RedisAcl(long uid, String name, String acl) implements Identified, Named {
    public RedisAcl {
        FieldRules.uid("uid", uid);
        FieldRules.name("name", name);
        Objects.requireNonNull(acl, "acl");
    }

    @Override
    public RedisAcl withUid(long newUid) {
        return new RedisAcl(newUid, name, acl);
    }
}
