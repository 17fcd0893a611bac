package io.redoubt.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The ACL users of one database endpoint, by name, always including {@code default}. Changes are
 * atomic per user: every rule of an ACL SETUSER applies to a copy, which replaces the user's state
 * only if all rules were accepted. Listeners hear about changed and deleted users so connections can
 * follow (a deleted user's clients are disconnected, as in Redis).
 */
public final class UserDirectory {
    public static final String DEFAULT_USER = "default";

    private final RuleParser parser;
    private final UserDescription description;
    private final Map<String, AclUser> users = new TreeMap<>();
    private volatile boolean allChannelsByDefault;
    private final List<Consumer<AclUser>> onChange = new CopyOnWriteArrayList<>();
    private final List<Consumer<AclUser>> onDelete = new CopyOnWriteArrayList<>();

    public UserDirectory(RuleParser parser) {
        this.parser = parser;
        this.description = new UserDescription(parser);
        users.put(DEFAULT_USER, new AclUser(DEFAULT_USER, defaultState()));
    }

    private UserState defaultState() {
        UserState s = new UserState(parser.newSelector(true));
        try {
            for (String r : List.of("on", "nopass", "~*", "&*", "+@all")) {
                parser.applyUserRule(s, r, true);
            }
        } catch (AclRuleException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    public RuleParser parser() {
        return parser;
    }

    public UserDescription description() {
        return description;
    }

    /** {@code acl-pubsub-default}: whether new users and selectors start with {@code allchannels}. */
    public void allChannelsByDefault(boolean on) {
        this.allChannelsByDefault = on;
    }

    public boolean allChannelsByDefault() {
        return allChannelsByDefault;
    }

    public synchronized AclUser get(String name) {
        return users.get(name);
    }

    public AclUser defaultUser() {
        return get(DEFAULT_USER);
    }

    /** The enabled user with this name, or null (for certificate-mapped logins, which carry no password). */
    public synchronized AclUser enabled(String name) {
        AclUser u = users.get(name);
        return u != null && u.state().enabled() ? u : null;
    }

    /** User names in lexicographic order (ACL USERS, ACL LIST). */
    public synchronized List<String> names() {
        return new ArrayList<>(users.keySet());
    }

    public synchronized Collection<AclUser> all() {
        return new ArrayList<>(users.values());
    }

    /** Reported for a rule ACL SETUSER refused: the rule and Redis's reason. */
    public static final class RuleError extends Exception {
        private final String rule;

        RuleError(String rule, String reason) {
            super(reason, null, false, false);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    /**
     * ACL SETUSER: applies {@code rules} (selectors already joined) to the named user, creating it
     * when missing. Nothing changes when one rule is refused.
     */
    public AclUser setUser(String name, List<String> rules) throws RuleError {
        AclUser user;
        UserState draft;
        synchronized (this) {
            user = users.get(name);
            draft = user != null ? user.state().copy() : new UserState(parser.newSelector(allChannelsByDefault));
        }
        for (String r : rules) {
            try {
                parser.applyUserRule(draft, r, allChannelsByDefault);
            } catch (AclRuleException e) {
                throw new RuleError(r, e.getMessage());
            }
        }
        synchronized (this) {
            user = users.get(name);
            if (user == null) {
                user = new AclUser(name, draft);
                users.put(name, user);
                return user;
            }
            user.state(draft);
        }
        for (Consumer<AclUser> l : onChange) {
            l.accept(user);
        }
        return user;
    }

    /** ACL DELUSER for one name: true when it existed. The default user cannot be removed. */
    public boolean delete(String name) {
        AclUser removed;
        synchronized (this) {
            removed = users.remove(name);
        }
        if (removed == null) {
            return false;
        }
        removed.markDeleted();
        for (Consumer<AclUser> l : onDelete) {
            l.accept(removed);
        }
        return true;
    }

    /**
     * Replaces every user with {@code loaded} (ACL LOAD, a whole file checked beforehand). Users kept
     * by name are changed in place so their connections stay; users missing from the file are deleted.
     */
    public void replaceAll(Map<String, UserState> loaded) {
        List<AclUser> changed = new ArrayList<>();
        List<AclUser> removed = new ArrayList<>();
        synchronized (this) {
            for (AclUser u : new ArrayList<>(users.values())) {
                UserState s = loaded.get(u.name());
                if (s != null) {
                    u.state(s);
                    changed.add(u);
                } else if (!u.name().equals(DEFAULT_USER)) {
                    users.remove(u.name());
                    u.markDeleted();
                    removed.add(u);
                } else {
                    u.state(defaultState());
                    changed.add(u);
                }
            }
            for (Map.Entry<String, UserState> e : loaded.entrySet()) {
                users.computeIfAbsent(e.getKey(), n -> new AclUser(n, e.getValue()));
            }
        }
        for (AclUser u : removed) {
            onDelete.forEach(l -> l.accept(u));
        }
        for (AclUser u : changed) {
            onChange.forEach(l -> l.accept(u));
        }
    }

    /** Builds a user's state from rules without storing it (aclfile and config lines are checked whole first). */
    public UserState build(List<String> rules) throws RuleError {
        UserState draft = new UserState(parser.newSelector(allChannelsByDefault));
        for (String r : rules) {
            try {
                parser.applyUserRule(draft, r, allChannelsByDefault);
            } catch (AclRuleException e) {
                throw new RuleError(r, e.getMessage());
            }
        }
        return draft;
    }

    public void onChange(Consumer<AclUser> listener) {
        onChange.add(listener);
    }

    public void onDelete(Consumer<AclUser> listener) {
        onDelete.add(listener);
    }
}
