package io.redoubt.cluster.api;

import java.util.List;
import java.util.Objects;

/**
 * A person or application with access to the control plane, the data plane or both (RE {@code /v1/users}).
 *
 * @param uid RE {@code uid}; 0 in a put asks the store to allocate one
 * @param name RE {@code name}, unique among users; also the user name for {@code AUTH} on databases
 * @param email RE {@code email}, may be empty
 * @param authMethod RE {@code auth_method}
 * @param certificateSubjectLine RE {@code certificate_subject_line}: the client certificate subject that
 *        identifies a {@code certificate} user; empty for other methods
 * @param roleUids RE {@code role_uids}
 * @param passwords the user's current passwords, oldest first (several during a rotation)
 * @param lockout failed sign-ins and lock
 */
public record User(long uid, String name, String email, AuthMethod authMethod, String certificateSubjectLine,
        List<Long> roleUids, List<UserPassword> passwords, LoginLockout lockout) implements Identified, Named {

    public User {
        FieldRules.uid("uid", uid);
        FieldRules.name("name", name);
        Objects.requireNonNull(email, "email");
        if (!email.isEmpty()) {
            FieldRules.name("email", email);
        }
        Objects.requireNonNull(authMethod, "auth_method");
        Objects.requireNonNull(certificateSubjectLine, "certificate_subject_line");
        if (authMethod == AuthMethod.CERTIFICATE && certificateSubjectLine.isBlank()) {
            throw new IllegalArgumentException("auth_method certificate needs a certificate_subject_line");
        }
        if (authMethod != AuthMethod.CERTIFICATE && !certificateSubjectLine.isEmpty()) {
            throw new IllegalArgumentException("certificate_subject_line is only for auth_method certificate");
        }
        roleUids = FieldRules.distinct("role_uids", roleUids);
        passwords = List.copyOf(passwords);
        Objects.requireNonNull(lockout, "lockout");
    }

    @Override
    public User withUid(long newUid) {
        return new User(newUid, name, email, authMethod, certificateSubjectLine, roleUids, passwords, lockout);
    }

    /** The same user with these passwords (a rotation, a reset or a removal). */
    public User withPasswords(List<UserPassword> newPasswords) {
        return new User(uid, name, email, authMethod, certificateSubjectLine, roleUids, newPasswords, lockout);
    }

    /** The same user with this lockout state. */
    public User withLockout(LoginLockout newLockout) {
        return new User(uid, name, email, authMethod, certificateSubjectLine, roleUids, passwords, newLockout);
    }
}
