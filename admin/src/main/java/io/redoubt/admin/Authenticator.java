package io.redoubt.admin;

import io.redoubt.admin.api.ErrorCode;
import io.redoubt.cluster.api.AuthMethod;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.LoginLockout;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Role;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.cluster.api.User;
import io.redoubt.cluster.api.UserPassword;
import io.redoubt.security.Secret;
import io.redoubt.security.token.ApiTokens;
import io.redoubt.security.token.TokenClaims;
import io.redoubt.security.token.TokenRejectedException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Signs API callers in: HTTP Basic (unless {@code control_plane_basic_authentication} is off) or a
 * Bearer token from {@code /v1/users/authorize}. Failed passwords count towards the user's lockout,
 * kept in the store so every node agrees and a restart unlocks nobody. Every refusal is a 401 that does
 * not say whether the user exists; the event log says why.
 */
final class Authenticator {
    private final StoreWriter store;
    private final PasswordRules passwords;
    private final ApiTokens tokens;
    private final InstantSource clock;
    private final EventJournal journal;

    Authenticator(StoreWriter store, PasswordRules passwords, ApiTokens tokens, InstantSource clock,
            EventJournal journal) {
        this.store = store;
        this.passwords = passwords;
        this.tokens = tokens;
        this.clock = clock;
        this.journal = journal;
    }

    Caller authenticate(Credentials credentials, String source) {
        return switch (credentials) {
            case Credentials.None n -> throw unauthorized("sign in: HTTP Basic or a Bearer token from "
                    + "POST /v1/users/authorize");
            case Credentials.Basic b -> password(b.username(), b.password(), source, true);
            case Credentials.TokenRequest r -> password(r.username(), r.password(), source, false);
            case Credentials.Bearer t -> bearer(t, source);
        };
    }

    /** A password sign-in: from HTTP Basic ({@code basicHeader}), or from authorize's body. */
    private Caller password(String username, Secret secret, String source, boolean basicHeader) {
        Credentials.Basic basic = new Credentials.Basic(username, secret);
        ClusterState state = store.current();
        Optional<ClusterSettings> settings = state.settings();
        if (settings.isEmpty()) {
            throw unauthorized("no cluster yet: create it with POST /v1/bootstrap/create_cluster");
        }
        if (basicHeader && !settings.get().controlPlaneBasicAuthentication()) {
            throw unauthorized("HTTP Basic authentication is turned off on this cluster: use a Bearer token");
        }
        Optional<User> found = state.userNamed(basic.username());
        if (found.isEmpty() || found.get().authMethod() != AuthMethod.REGULAR) {
            passwords.burnTime(basic.password());
            fail("authentication_err", basic.username(), source, "unknown user or not a password user");
            throw unauthorized("wrong user name or password");
        }
        User user = found.get();
        Lockouts lockouts = new Lockouts(settings.get(), clock);
        if (lockouts.locked(user.lockout())) {
            fail("authentication_err", user.name(), source, "the user is locked");
            throw new ApiException(ErrorCode.USER_LOCKED, "this user is locked after too many failed sign-ins: "
                    + "wait, or ask an admin to reset the password");
        }
        Optional<UserPassword> matched = passwords.matching(user, basic.password());
        if (matched.isEmpty()) {
            LoginLockout after = recordFailure(user.uid());
            fail("authentication_err", user.name(), source, "wrong password");
            if (lockouts.locked(after)) {
                fail("user_locked", user.name(), source, "locked after " + after.failedAttempts() + " failed sign-ins");
            }
            throw unauthorized("wrong user name or password");
        }
        if (!user.lockout().equals(LoginLockout.CLEAR)) {
            clearFailures(user.uid());
        }
        Caller caller = caller(state, user, source, Caller.Method.BASIC,
                passwords.expired(settings.get(), matched.get()));
        return caller;
    }

    private Caller bearer(Credentials.Bearer bearer, String source) {
        TokenClaims claims;
        try {
            claims = tokens.verify(bearer.token());
        } catch (TokenRejectedException e) {
            fail("authentication_err", null, source, "token refused: " + e.reason().name().toLowerCase());
            throw unauthorized(e.getMessage());
        }
        ClusterState state = store.current();
        long uid;
        try {
            uid = Long.parseLong(claims.subject().userUid());
        } catch (NumberFormatException e) {
            throw unauthorized("the token names no user of this cluster: sign in again");
        }
        Optional<User> user = state.user(uid).filter(u -> u.name().equals(claims.subject().userName()));
        if (user.isEmpty() || state.settings().isEmpty()) {
            fail("authentication_err", claims.subject().userName(), source, "token of a deleted or renamed user");
            throw unauthorized("the token's user no longer exists: sign in again");
        }
        if (new Lockouts(state.settings().get(), clock).locked(user.get().lockout())) {
            throw new ApiException(ErrorCode.USER_LOCKED, "this user is locked: ask an admin to reset the password");
        }
        return caller(state, user.get(), source, Caller.Method.TOKEN, false);
    }

    private Caller caller(ClusterState state, User user, String source, Caller.Method method, boolean expired) {
        List<Role> roles = user.roleUids().stream().map(state::role).flatMap(Optional::stream).toList();
        if (roles.stream().allMatch(r -> r.management() == ManagementRole.NONE)) {
            fail("authentication_err", user.name(), source, "management role none cannot use the API");
            throw unauthorized("this user's role (none) gives no access to the API");
        }
        return new Caller(user.uid(), user.name(), roles, source, method, expired);
    }

    private LoginLockout recordFailure(long uid) {
        LoginLockout[] after = {LoginLockout.CLEAR};
        store.commit(state -> {
            User current = state.user(uid).orElseThrow(() -> unauthorized("wrong user name or password"));
            after[0] = new Lockouts(state.settings().orElseThrow(), clock).failed(current.lockout());
            return Transaction.atRevision(state.revision(), new Change.PutUser(current.withLockout(after[0])));
        }, false);
        return after[0];
    }

    private void clearFailures(long uid) {
        store.commit(state -> {
            User current = state.user(uid).orElseThrow(() -> unauthorized("wrong user name or password"));
            return Transaction.atRevision(state.revision(), new Change.PutUser(current.withLockout(LoginLockout.CLEAR)));
        }, false);
    }

    private void fail(String type, String user, String source, String why) {
        String shown = printable(user);
        journal.record(type, false, null, shown, source, shown == null ? null : "user:" + shown, null, null, why);
    }

    /** A name from a request header, bounded and printable, so it cannot forge or flood a log line. */
    private static String printable(String name) {
        if (name == null) {
            return null;
        }
        String safe = name.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= 64 ? safe : safe.substring(0, 64) + "...";
    }

    private static ApiException unauthorized(String description) {
        return new ApiException(ErrorCode.UNAUTHORIZED, description);
    }
}
