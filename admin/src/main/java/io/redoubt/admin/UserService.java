package io.redoubt.admin;

import io.redoubt.admin.api.ErrorCode;
import io.redoubt.admin.api.NewPasswordRequest;
import io.redoubt.admin.api.OldPasswordRequest;
import io.redoubt.admin.api.Route;
import io.redoubt.admin.api.UserRequest;
import io.redoubt.cluster.api.AuthMethod;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.LoginLockout;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Role;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.cluster.api.User;
import io.redoubt.cluster.api.UserPassword;
import io.redoubt.security.Secret;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/users} and {@code /v1/users/password}: users with their roles and passwords. A caller
 * acting on itself without {@code update_user} may change its name, email and password, never its
 * roles; only an admin may give the admin role; the last admin keeps it.
 */
final class UserService {
    private final StoreWriter store;
    private final PasswordRules passwords;
    private final AccessPolicy policy;
    private final EventJournal journal;
    private final InstantSource clock;

    UserService(StoreWriter store, PasswordRules passwords, AccessPolicy policy, EventJournal journal,
            InstantSource clock) {
        this.store = store;
        this.passwords = passwords;
        this.policy = policy;
        this.journal = journal;
        this.clock = clock;
    }

    Answer list() {
        ClusterState s = store.current();
        return Answer.ok(s.users().values().stream().map(u -> view(s, u)).toList());
    }

    Answer get(long uid) {
        ClusterState s = store.current();
        return Answer.ok(view(s, existing(s, uid)));
    }

    Answer create(Caller caller, UserRequest r, boolean dryRun) {
        r.validateForCreate().ifPresent(e -> { throw ApiException.of(e); });
        User[] created = new User[1];
        Commit.Applied applied = store.commit(s -> {
            ClusterSettings settings = s.settings().orElseThrow();
            AuthMethod method = r.authMethod() == null ? AuthMethod.REGULAR : AuthMethod.of(r.authMethod());
            // RE's default for a user created without a role is db_viewer
            List<Long> roles = roles(caller, s, r).orElseGet(() -> s.roleNamed(BuiltIns.roleName(ManagementRole.DB_VIEWER))
                    .filter(BuiltIns::isBuiltInRole).map(x -> List.of(x.uid())).orElse(List.of()));
            String email = r.email() == null ? "" : r.email();
            List<UserPassword> pw = method == AuthMethod.REGULAR
                    ? List.of(passwords.create(settings, r.password(), email, List.of())) : List.of();
            created[0] = new User(0, r.name(), email, method,
                    r.certificateSubjectLine() == null ? "" : r.certificateSubjectLine(), roles, pw, LoginLockout.CLEAR);
            return Transaction.atRevision(s.revision(), new Change.PutUser(created[0]));
        }, dryRun);
        long uid = applied.uids().get(0);
        record(caller, "user_created", uid, fields(r), dryRun);
        return Answer.ok(dryRun ? view(store.current(), created[0].withUid(uid)) : view(store.current(),
                store.current().user(uid).orElseThrow()));
    }

    Answer update(Caller caller, long uid, UserRequest r, boolean dryRun) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        boolean selfOnly = !policy.holdsPermissionOf(caller, Route.USER_UPDATE);
        if (selfOnly && (r.role() != null || r.roleUids() != null || r.authMethod() != null
                || r.certificateSubjectLine() != null)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "you may change your own name, email and password, not "
                    + "your roles or how you sign in");
        }
        User[] updated = new User[1];
        store.commit(s -> {
            User u = existing(s, uid);
            protectAdmins(caller, s, u);
            ClusterSettings settings = s.settings().orElseThrow();
            List<Long> roles = roles(caller, s, r).orElse(u.roleUids());
            String email = r.email() == null ? u.email() : r.email();
            AuthMethod method = r.authMethod() == null ? u.authMethod() : AuthMethod.of(r.authMethod());
            String subject = method == AuthMethod.CERTIFICATE
                    ? (r.certificateSubjectLine() == null ? u.certificateSubjectLine() : r.certificateSubjectLine()) : "";
            List<UserPassword> pw = u.passwords();
            LoginLockout lockout = u.lockout();
            if (r.password() != null) {
                // a reset replaces every password and, as in RE, is how an admin unlocks a locked user
                pw = List.of(passwords.create(settings, r.password(), email, u.passwords()));
                lockout = LoginLockout.CLEAR;
            }
            if (method != AuthMethod.REGULAR) {
                pw = List.of();
            }
            updated[0] = new User(uid, r.name() == null ? u.name() : r.name(), email, method, subject, roles, pw,
                    lockout);
            return LastAdmin.keep(s, Transaction.atRevision(s.revision(), new Change.PutUser(updated[0])));
        }, dryRun);
        record(caller, "user_updated", uid, fields(r), dryRun);
        return Answer.ok(view(store.current(), dryRun ? updated[0] : store.current().user(uid).orElseThrow()));
    }

    Answer delete(Caller caller, long uid, boolean dryRun) {
        store.commit(s -> {
            protectAdmins(caller, s, existing(s, uid));
            return LastAdmin.keep(s, Transaction.atRevision(s.revision(), new Change.DeleteUser(uid)));
        }, dryRun);
        record(caller, "user_deleted", uid, List.of(), dryRun);
        return Answer.noContent();
    }

    /** POST /v1/users/password: one more password for the caller (a rotation). */
    Answer addPassword(Caller caller, NewPasswordRequest r) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        store.commit(s -> {
            User u = existing(s, caller.userUid());
            List<UserPassword> pw = new ArrayList<>(u.passwords());
            pw.add(passwords.create(s.settings().orElseThrow(), r.newPassword(), u.email(), u.passwords()));
            return Transaction.atRevision(s.revision(), new Change.PutUser(u.withPasswords(pw)));
        }, false);
        record(caller, "user_password_added", caller.userUid(), PasswordRules.passwordField(), false);
        return Answer.noContent();
    }

    /** PUT /v1/users/password: the caller's passwords become this one. */
    Answer replacePasswords(Caller caller, NewPasswordRequest r) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        store.commit(s -> {
            User u = existing(s, caller.userUid());
            UserPassword p = passwords.create(s.settings().orElseThrow(), r.newPassword(), u.email(), u.passwords());
            return Transaction.atRevision(s.revision(), new Change.PutUser(u.withPasswords(List.of(p))));
        }, false);
        record(caller, "user_password_replaced", caller.userUid(), PasswordRules.passwordField(), false);
        return Answer.noContent();
    }

    /** DELETE /v1/users/password: removes one of the caller's passwords, never the last. */
    Answer deletePassword(Caller caller, OldPasswordRequest r) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        store.commit(s -> {
            User u = existing(s, caller.userUid());
            UserPassword old = passwords.matching(u, Secret.of(r.oldPassword())).orElseThrow(() -> new ApiException(
                    ErrorCode.INVALID_PARAM, "'old_password' is not one of your passwords"));
            if (u.passwords().size() == 1) {
                throw new ApiException(ErrorCode.CANNOT_DELETE_LAST_PASSWORD,
                        "this is your only password: add another before removing it");
            }
            List<UserPassword> pw = new ArrayList<>(u.passwords());
            pw.remove(old);
            return Transaction.atRevision(s.revision(), new Change.PutUser(u.withPasswords(pw)));
        }, false);
        record(caller, "user_password_deleted", caller.userUid(), PasswordRules.passwordField(), false);
        return Answer.noContent();
    }

    /**
     * Only an admin changes or deletes another admin (RE: admins rotate anyone's password, others only
     * their own), so a user manager cannot take an admin account over by resetting its password.
     */
    private void protectAdmins(Caller caller, ClusterState s, User target) {
        if (target.uid() != caller.userUid() && !policy.isAdmin(caller) && LastAdmin.isAdmin(s, target)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only an admin may change or delete an admin user");
        }
    }

    /** The role uids a request names (legacy {@code role} maps to its built-in role), checked for the caller. */
    private Optional<List<Long>> roles(Caller caller, ClusterState s, UserRequest r) {
        List<Long> uids = new ArrayList<>();
        if (r.roleUids() != null) {
            for (Integer uid : r.roleUids()) {
                uids.add(s.role(uid).orElseThrow(() -> new ApiException(ErrorCode.INVALID_PARAM,
                        "'role_uids' names role " + uid + ", which does not exist")).uid());
            }
        }
        if (r.role() != null) {
            ManagementRole m = ManagementRole.of(r.role().wireName());
            Role builtIn = s.roleNamed(BuiltIns.roleName(m)).filter(BuiltIns::isBuiltInRole).orElseThrow(() ->
                    new ApiException(ErrorCode.INVALID_PARAM, "there is no built-in role for '" + m.reName() + "'"));
            if (!uids.contains(builtIn.uid())) {
                uids.add(builtIn.uid());
            }
        }
        if (r.roleUids() == null && r.role() == null) {
            return Optional.empty();
        }
        if (!policy.isAdmin(caller) && uids.stream().map(s::role).anyMatch(x -> x.isPresent()
                && x.get().management() == ManagementRole.ADMIN)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only an admin may give the admin role");
        }
        return Optional.of(List.copyOf(uids));
    }

    private io.redoubt.admin.api.User view(ClusterState s, User u) {
        boolean locked = s.settings().map(st -> new Lockouts(st, clock).locked(u.lockout())).orElse(false);
        return Views.user(s, u, clock.instant(), locked);
    }

    private static User existing(ClusterState s, long uid) {
        return s.user(uid).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no user with uid " + uid));
    }

    private void record(Caller caller, String type, long uid, List<String> fields, boolean dryRun) {
        if (!dryRun) {
            journal.record(type, true, caller, null, caller.sourceAddress(), "user:" + uid, null, fields, null);
        }
    }

    /** The names of the fields a request sets; values are never logged. */
    private static List<String> fields(UserRequest r) {
        List<String> f = new ArrayList<>();
        if (r.name() != null) f.add("name");
        if (r.email() != null) f.add("email");
        if (r.password() != null) f.add("password");
        if (r.role() != null) f.add("role");
        if (r.roleUids() != null) f.add("role_uids");
        if (r.authMethod() != null) f.add("auth_method");
        if (r.certificateSubjectLine() != null) f.add("certificate_subject_line");
        return f;
    }
}
