package io.redoubt.acl;

/** A rule that cannot be applied; the message is Redis's reason text (e.g. {@code Syntax error}). */
public final class AclRuleException extends Exception {
    public AclRuleException(String reason) {
        super(reason, null, false, false);
    }
}
