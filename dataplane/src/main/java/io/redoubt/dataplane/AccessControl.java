package io.redoubt.dataplane;

import io.redoubt.acl.AclLog;
import io.redoubt.acl.AclUser;
import io.redoubt.acl.Authorizer;
import io.redoubt.acl.Denial;
import io.redoubt.acl.PasswordHash;
import io.redoubt.acl.UserDirectory;
import io.redoubt.acl.UserState;
import io.redoubt.engine.command.CommandSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A shard's side of its database's ACL ({@link DatabaseAccess}, one per database): who a new
 * connection is, authentication (AUTH, HELLO AUTH), the authorization step of the dispatcher, and
 * what happens to connections when their user changes. Successful and failed logins each pass through
 * one method ({@link #authSucceeded}, {@link #authFailed}) so that auditing is attached in one place.
 *
 * <p>On a database of several shards, the first shard speaks for the database: the router sends every
 * AUTH, HELLO and client-certificate login to every shard, and only the first counts a failure against
 * the client's address, writes the ACL LOG entry and the security event; the others check the same
 * password against the same users and throttle, silently. Likewise, every routed client has a link
 * on the first shard, so only the first shard disconnects a deleted user's clients: the router then
 * closes the client with all its links.
 */
public final class AccessControl {
    private final ServerContext server;
    private final DatabaseAccess database;
    private final boolean speaksForDatabase;
    private final UserDirectory users;
    private final AclLog log;
    private final AuthThrottle throttle;

    /** @param shared the database's access control when another shard made it, else null (this shard makes it) */
    AccessControl(ServerContext server, DatabaseAccess shared) {
        this.server = server;
        this.speaksForDatabase = shared == null;
        this.database = shared != null ? shared : new DatabaseAccess(server.commands(), server.clock());
        this.users = database.users();
        this.log = database.log();
        this.throttle = database.throttle();
        if (speaksForDatabase) {
            users.onDelete(user -> onOwnThread(() -> disconnectClientsOf(user)));
            users.onChange(user -> onOwnThread(() -> dropLostSubscriptions(user)));
        }
    }

    /** The database's users, log, throttle and ACL file, for the database's other shards. */
    public DatabaseAccess database() {
        return database;
    }

    public UserDirectory users() {
        return users;
    }

    public AclLog log() {
        return log;
    }

    /** Brute-force protection for AUTH and HELLO AUTH. */
    public AuthThrottle throttle() {
        return throttle;
    }

    /**
     * Runs a reaction to a user change among this shard's clients on this shard's thread: a change
     * may come from another shard's thread (CONFIG SET requirepass reaches every shard).
     */
    private void onOwnThread(Runnable task) {
        io.netty.util.concurrent.EventExecutor own = server.shardThread();
        if (own == null || own.inEventLoop()) {
            task.run();
        } else {
            own.execute(task);
        }
    }

    /** INFO security: Redoubt's own counters (not in Redis, so only shown when asked for by name). */
    void writeInfo(InfoText out) {
        out.section("Security")
                .field("acl_users", users.names().size())
                .field("acl_log_entries", log.size())
                .field("auth_throttled_attempts", server.stats().authThrottled);
    }

    /** {@code aclfile}, or null when users come from the config file. */
    public Path aclFile() {
        return database.aclFile();
    }

    public void aclFile(Path file) {
        database.aclFile(file);
    }

    /** A new (or RESET) connection is the default user, authenticated only if that user needs no password. */
    void startSession(Session s) {
        AclUser def = users.defaultUser();
        UserState st = def.state();
        s.authenticateAs(def, st.nopass() && st.enabled());
    }

    static final String PROTECTED_MODE = "-DENIED Redis is running in protected mode because protected mode is enabled "
            + "and no password is set for the default user. In this mode connections are only accepted from the "
            + "loopback interface. If you want to connect from external computers to Redis you may adopt one of the "
            + "following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' "
            + "from the loopback interface by connecting to Redis from the same host the server is running, however "
            + "MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this "
            + "change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis "
            + "configuration file, and setting the protected mode option to 'no', and then restarting the server. "
            + "3) If you started the server manually just for testing, restart it with the '--protected-mode no' "
            + "option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of "
            + "the above things in order for the server to start accepting connections from the outside.\r\n";

    /**
     * Protected mode, as Redis: while {@code protected-mode} is on and the default user needs no
     * password, only loopback clients are accepted.
     */
    boolean refusedByProtectedMode(Session s) {
        return protectedModeRefusal(s.remoteAddress()) != null;
    }

    /**
     * Redis's protected mode for a peer at {@code remote}: its -DENIED reply (with line end) when the
     * default user has no password and the peer is not on loopback, else null. A router in front of
     * shards asks this for its clients, since the shards only ever see the router's loopback links.
     */
    public String protectedModeRefusal(java.net.SocketAddress remote) {
        boolean local = remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
        boolean refused = server.settings().protectedMode() && users.defaultUser().state().nopass()
                && !local;
        return refused ? PROTECTED_MODE : null;
    }

    /** Redis's rule: authentication is needed when the default user has a password or is off. */
    boolean authRequired(Session s) {
        if (s.authenticated()) {
            return false;
        }
        UserState st = users.defaultUser().state();
        return !st.nopass() || !st.enabled();
    }

    /**
     * Where a router's link stands, for the router's question ({@link RouterLink#authStateQuery}):
     * {@link RouterLink#AUTHENTICATED} lasts until the client sends RESET; the other two can change
     * whenever the default user does.
     */
    long authState(Session s) {
        if (s.authenticated()) {
            return RouterLink.AUTHENTICATED;
        }
        return authRequired(s) ? RouterLink.AUTH_REQUIRED : RouterLink.AUTH_NOT_REQUIRED;
    }

    /** The authorization step: null when allowed, otherwise Redis's NOPERM text (and an ACL LOG entry). */
    String authorize(Session s, CommandSpec spec, byte[][] argv, boolean inMulti) {
        if (s.aclUser().deleted()) {
            return closeDeletedUsersClient(s);
        }
        Denial d = Authorizer.check(s.aclUser().state(), spec, argv);
        if (d == null) {
            return null;
        }
        logDenial(s, d, spec, argv, inMulti ? "multi" : "toplevel");
        return switch (d.reason()) {
            case COMMAND -> "NOPERM this user has no permissions to run the '" + spec.fullName() + "' command";
            case KEY -> "NOPERM this user has no permissions to access one of the keys used as arguments";
            case CHANNEL -> "NOPERM this user has no permissions to access one of the channels used as arguments";
            case AUTH -> "NOPERM no permission";
        };
    }

    /**
     * A client whose user was deleted runs nothing more: Redis closes such clients when the user goes.
     * The shard that deletes it closes them at once; on a database of several shards, a request the
     * router had already passed to another shard meets this check there. The session is closed, so the
     * text is never sent.
     */
    private static String closeDeletedUsersClient(Session s) {
        s.kill();
        return "NOPERM the user was deleted";
    }

    /**
     * The authorization step for a command a script runs ({@code redis.call}): Redis's scriptVerifyACL
     * texts, and an ACL LOG entry with the context {@code lua}.
     */
    String authorizeInScript(Session s, CommandSpec spec, byte[][] argv) {
        Denial d = Authorizer.check(s.aclUser().state(), spec, argv);
        if (d == null) {
            return null;
        }
        logDenial(s, d, spec, argv, "lua");
        return switch (d.reason()) {
            case COMMAND -> "ERR The user executing the script can't run this command or subcommand";
            case KEY -> "ERR The user executing the script can't access at least one of the keys mentioned in the command arguments";
            case CHANNEL -> "ERR The user executing the script can't publish to the channel mentioned in the command";
            case AUTH -> "ERR The user executing the script is lacking the permissions for the command";
        };
    }

    /** {@code redis.acl_check_cmd}: the ACL's answer without a log entry. */
    boolean permits(Session s, CommandSpec spec, byte[][] argv) {
        return Authorizer.check(s.aclUser().state(), spec, argv) == null;
    }

    /** EXEC's second look at a queued command: permissions may have changed since it was queued. */
    String authorizeQueued(Session s, CommandSpec spec, byte[][] argv) {
        if (s.aclUser().deleted()) {
            return closeDeletedUsersClient(s);
        }
        Denial d = Authorizer.check(s.aclUser().state(), spec, argv);
        if (d == null) {
            return null;
        }
        logDenial(s, d, spec, argv, "multi");
        String reason = switch (d.reason()) {
            case COMMAND -> "no permission to execute the command or subcommand";
            case KEY -> "no permission to touch the specified keys";
            case CHANNEL -> "no permission to access one of the channels used as arguments";
            case AUTH -> "no permission";
        };
        return "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. "
                + "This command is no longer allowed for the following reason: " + reason;
    }

    private void logDenial(Session s, Denial d, CommandSpec spec, byte[][] argv, String context) {
        s.lastCommand(spec.fullName()); // as Redis, the refused command is the client's last (cmd=)
        if (!speaksForDatabase && ShardFanOut.everyShard(spec, argv, context.equals("multi"))) {
            return; // every shard refuses it: the first one's entry is the database's
        }
        String object = d.reason() == Denial.Reason.COMMAND ? spec.fullName()
                : new String(argv[d.argIndex()], StandardCharsets.UTF_8);
        log.add(d.reason().logName(), context, object, s.user(), clientInfo(s));
    }

    private static String clientInfo(Session s) {
        return ClientCommands.describe(s, s);
    }

    /** Result of a login attempt, with the error to reply when it failed. */
    enum Login { OK, WRONGPASS, THROTTLED }

    /**
     * AUTH / HELLO AUTH: checks {@code password} for {@code username} (constant-time), subject to the
     * brute-force throttle of the client's address.
     */
    Login login(Session s, String username, byte[] password) {
        String host = s.host();
        if (throttle.refused(host)) {
            if (speaksForDatabase) {
                server.stats().authThrottled++;
                log.add("auth", s.inMulti() ? "multi" : "toplevel", attemptName(s), username, clientInfo(s));
                server.audit().throttled(s.address(), username,
                        "refused for " + throttle.secondsLeft(host) + " s after repeated failures from " + host);
            }
            return Login.THROTTLED;
        }
        AclUser user = users.get(username);
        UserState st = user == null ? null : user.state();
        if (st == null) {
            PasswordHash.of(password); // the same work as for a real user: timing does not tell who exists
        }
        if (st != null && st.enabled() && st.accepts(password)) {
            authSucceeded(s, user);
            return Login.OK;
        }
        if (speaksForDatabase) {
            throttle.failed(host);
        }
        authFailed(s, username, "wrong password, unknown user or user disabled");
        return Login.WRONGPASS;
    }

    /** {@link #login}, replying Redis's error (or the throttle's) by throwing when it fails. */
    void loginOrThrow(Session s, String username, byte[] password) {
        switch (login(s, username, password)) {
            case OK -> { }
            case WRONGPASS -> throw new io.redoubt.engine.command.CommandException(io.redoubt.resp.Errors.WRONGPASS);
            case THROTTLED -> throw new io.redoubt.engine.command.CommandException(
                    "ERR Too many failed authentication attempts from this address: try again in "
                            + throttle.secondsLeft(s.host()) + " seconds");
        }
    }

    /**
     * Authenticates a session as an enabled user without a password, for identities proven another
     * way (a TLS client certificate mapped to a user). Returns false when there is no such enabled user.
     */
    public boolean authenticateWithoutPassword(Session s, String username) {
        AclUser user = users.enabled(username);
        if (user == null) {
            authFailed(s, username, "no enabled user of that name for the client certificate");
            return false;
        }
        authSucceeded(s, user);
        return true;
    }

    /** Every successful authentication ends here. */
    void authSucceeded(Session s, AclUser user) {
        s.authenticateAs(user, true);
        if (speaksForDatabase) {
            server.audit().authSucceeded(s, user.name());
        }
    }

    /**
     * Every failed authentication ends here: an ACL LOG entry (the command's name as sent, never the
     * password) and a security event with {@code reason}.
     */
    void authFailed(Session s, String username, String reason) {
        if (!speaksForDatabase) {
            return;
        }
        log.add("auth", s.inMulti() ? "multi" : "toplevel", attemptName(s), username, clientInfo(s));
        server.audit().authFailed(s, username, reason);
    }

    private static String attemptName(Session s) {
        byte[][] argv = s.argv();
        return argv == null ? "auth" : new String(argv[0], StandardCharsets.UTF_8);
    }

    private void disconnectClientsOf(AclUser user) {
        for (Session s : server.clients().all()) {
            if (s.aclUser() == user) {
                if (s.spec() != null) {
                    s.closeAfterReply(); // the client that ran DELUSER gets its reply first
                } else {
                    s.kill();
                }
            }
        }
    }

    private void dropLostSubscriptions(AclUser user) {
        UserState st = user.state();
        for (Session s : server.clients().all()) {
            if (s.aclUser() != user || !s.subscriber()) {
                continue;
            }
            if (!s.subscriptionsAllowed(st)) {
                if (s.spec() != null) {
                    s.closeAfterReply();
                } else {
                    s.kill();
                }
            }
        }
    }
}
