package io.redoubt.admin;

import io.redoubt.acl.AclRuleException;
import io.redoubt.acl.RuleParser;
import io.redoubt.acl.UserDirectory;
import io.redoubt.admin.api.ErrorCode;
import io.redoubt.admin.api.RedisAclRequest;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.RedisAcl;
import io.redoubt.cluster.api.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /v1/redis_acls}: named Redis ACL rules. A rule string is parsed by the ACL module exactly as
 * a database will apply it, so a bad rule is refused here with Redis's reason instead of failing later
 * on the data plane. Rules that carry a password or switch the user on or off are refused: passwords
 * and users come from the control plane's users. "Full Access" is predefined and cannot be changed.
 */
final class RedisAclService {
    private final StoreWriter store;
    private final RuleParser parser;
    private final EventJournal journal;

    RedisAclService(StoreWriter store, RuleParser parser, EventJournal journal) {
        this.store = store;
        this.parser = parser;
        this.journal = journal;
    }

    Answer list() {
        return Answer.ok(store.current().redisAcls().values().stream().map(Views::redisAcl).toList());
    }

    Answer get(long uid) {
        return Answer.ok(Views.redisAcl(existing(store.current(), uid)));
    }

    Answer create(Caller caller, RedisAclRequest r, boolean dryRun) {
        r.validateForCreate().ifPresent(e -> { throw ApiException.of(e); });
        checkRule(r.acl());
        RedisAcl made = new RedisAcl(0, r.name(), r.acl());
        if (BuiltIns.isFullAccess(made)) {
            throw new ApiException(ErrorCode.NAME_ALREADY_EXISTS, "'" + BuiltIns.FULL_ACCESS + "' is predefined");
        }
        long uid = store.commit(s -> Transaction.atRevision(s.revision(), new Change.PutRedisAcl(made)), dryRun)
                .uids().get(0);
        record(caller, "redis_acl_created", uid, fields(r), dryRun);
        return Answer.ok(Views.redisAcl(made.withUid(uid)));
    }

    Answer update(Caller caller, long uid, RedisAclRequest r, boolean dryRun) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        if (r.acl() != null) {
            checkRule(r.acl());
        }
        RedisAcl[] made = new RedisAcl[1];
        store.commit(s -> {
            RedisAcl old = changeable(s, uid);
            made[0] = new RedisAcl(uid, r.name() == null ? old.name() : r.name(), r.acl() == null ? old.acl() : r.acl());
            if (BuiltIns.isFullAccess(made[0])) {
                throw new ApiException(ErrorCode.NAME_ALREADY_EXISTS, "'" + BuiltIns.FULL_ACCESS + "' is predefined");
            }
            return Transaction.atRevision(s.revision(), new Change.PutRedisAcl(made[0]));
        }, dryRun);
        record(caller, "redis_acl_updated", uid, fields(r), dryRun);
        return Answer.ok(Views.redisAcl(made[0]));
    }

    Answer delete(Caller caller, long uid, boolean dryRun) {
        store.commit(s -> {
            changeable(s, uid);
            return Transaction.atRevision(s.revision(), new Change.DeleteRedisAcl(uid));
        }, dryRun);
        record(caller, "redis_acl_deleted", uid, List.of(), dryRun);
        return Answer.noContent();
    }

    /** Parses {@code acl} as ACL SETUSER would, on a scratch user of a scratch directory. */
    void checkRule(String acl) {
        List<String> words = List.of(acl.trim().split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
        for (String w : words) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (w.startsWith(">") || w.startsWith("<") || w.startsWith("#") || w.startsWith("!")
                    || lower.equals("nopass") || lower.equals("resetpass") || lower.equals("on") || lower.equals("off")
                    || lower.equals("reset")) {
                throw new ApiException(ErrorCode.INVALID_PARAM, "'acl' may not hold '" + (w.length() > 1
                        && "><#!".indexOf(w.charAt(0)) >= 0 ? w.charAt(0) + "...'" : w + "'")
                        + ": passwords and on/off come from the users and roles of the control plane");
            }
        }
        try {
            new UserDirectory(parser).setUser("redoubt-acl-check", RuleParser.mergeSelectorArgs(words));
        } catch (UserDirectory.RuleError e) {
            throw new ApiException(ErrorCode.INVALID_PARAM, "'acl' rule '" + shorten(e.rule()) + "' is refused: "
                    + e.getMessage());
        } catch (AclRuleException e) {
            throw new ApiException(ErrorCode.INVALID_PARAM, "'acl' is refused: " + e.getMessage());
        }
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    private static RedisAcl changeable(ClusterState s, long uid) {
        RedisAcl acl = existing(s, uid);
        if (BuiltIns.isFullAccess(acl)) {
            throw new ApiException(ErrorCode.INVALID_PARAM, "'" + BuiltIns.FULL_ACCESS
                    + "' is predefined and cannot be changed or deleted");
        }
        return acl;
    }

    private static RedisAcl existing(ClusterState s, long uid) {
        return s.redisAcl(uid).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no redis_acl with uid " + uid));
    }

    private void record(Caller caller, String type, long uid, List<String> fields, boolean dryRun) {
        if (!dryRun) {
            journal.record(type, true, caller, null, caller.sourceAddress(), "redis_acl:" + uid, null, fields, null);
        }
    }

    private static List<String> fields(RedisAclRequest r) {
        List<String> f = new ArrayList<>();
        if (r.name() != null) f.add("name");
        if (r.acl() != null) f.add("acl");
        return f;
    }
}
