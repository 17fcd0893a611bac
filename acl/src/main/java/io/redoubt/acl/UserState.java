package io.redoubt.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a user is allowed, as one value: whether it is enabled, its passwords (hashes only),
 * its root selector and its extra selectors. A user's state is replaced as a whole when its rules
 * change, so a command being authorized always sees one consistent set of permissions.
 */
public final class UserState {
    /** Redis's sanitize-payload / skip-sanitize-payload flags (RESTORE payload checks). */
    public enum Payload { DEFAULT, SANITIZE, SKIP }

    boolean enabled;
    boolean nopass;
    final List<PasswordHash> passwords;
    Payload payload = Payload.DEFAULT;
    Selector root;
    final List<Selector> selectors;

    UserState(Selector root) {
        this.passwords = new ArrayList<>();
        this.root = root;
        this.selectors = new ArrayList<>();
    }

    private UserState(UserState o) {
        this.enabled = o.enabled;
        this.nopass = o.nopass;
        this.passwords = new ArrayList<>(o.passwords);
        this.payload = o.payload;
        this.root = o.root.copy();
        this.selectors = new ArrayList<>();
        for (Selector s : o.selectors) {
            selectors.add(s.copy());
        }
    }

    UserState copy() {
        return new UserState(this);
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean nopass() {
        return nopass;
    }

    public List<PasswordHash> passwords() {
        return List.copyOf(passwords);
    }

    public Payload payload() {
        return payload;
    }

    public Selector root() {
        return root;
    }

    public List<Selector> selectors() {
        return List.copyOf(selectors);
    }

    /** Whether {@code password} opens this user: nopass, or one of its hashes matches. */
    public boolean accepts(byte[] password) {
        if (nopass) {
            return true;
        }
        boolean ok = false;
        for (PasswordHash h : passwords) {
            ok |= h.matches(password); // check every hash: the time taken does not reveal which matched
        }
        return ok;
    }
}
