package io.redoubt.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading redis.conf-style files and {@code --name value} overrides, through the parsing API Main uses. */
class ServerConfigTest {
    @TempDir
    Path tmp;

    private Path file(String text) throws IOException {
        Path f = tmp.resolve("redoubt.conf");
        Files.writeString(f, text);
        return f;
    }

    private ServerConfig parse(String text, String... overrides) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(file(text).toString());
        args.addAll(List.of(overrides));
        return ServerConfig.fromArgs(tmp, args);
    }

    @Test
    void readsRedisSyntaxWithQuotesCommentsUnitsAndAliases() throws Exception {
        ServerConfig c = parse("""
                # a comment
                   port 6390
                bind 127.0.0.1 "::1"
                MAXMEMORY 100mb
                maxmemory-policy ALLKEYS-LRU
                hash-max-ziplist-entries 7
                logfile "my log.txt"
                requirepass 'p a"ss'
                timeout 30
                """);
        assertThat(c.registry().get("port")).isEqualTo("6390");
        assertThat(c.bindAddresses()).containsExactly("127.0.0.1", "::1");
        assertThat(c.registry().get("maxmemory")).isEqualTo("104857600");
        assertThat(c.registry().get("maxmemory-policy")).isEqualTo("allkeys-lru");
        assertThat(c.registry().get("hash-max-listpack-entries")).isEqualTo("7");
        assertThat(c.registry().get("requirepass")).isEqualTo("p a\"ss");
        assertThat(c.logFile()).isEqualTo(tmp.toAbsolutePath().resolve("log/my log.txt"));
    }

    @Test
    void commandLineOverridesTheFile() throws Exception {
        ServerConfig c = parse("port 6390\nmaxmemory 1mb\n", "--port", "6391", "--save", "", "--bind", "::1",
                "127.0.0.1");
        assertThat(c.registry().get("port")).isEqualTo("6391");
        assertThat(c.registry().get("maxmemory")).isEqualTo("1048576");
        assertThat(c.bindAddresses()).containsExactly("::1", "127.0.0.1");
    }

    @Test
    void unknownParameterNamesItsLineAndFile() throws Exception {
        Path f = file("port 6390\n\nfoo bar\n");
        assertThatThrownBy(() -> ServerConfig.fromArgs(tmp, List.of(f.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown parameter 'foo' at line 3 of " + f.toAbsolutePath());
    }

    @Test
    void invalidValueNamesParameterLineAndReason() throws Exception {
        Path f = file("maxmemory abc\n");
        assertThatThrownBy(() -> ServerConfig.fromArgs(tmp, List.of(f.toString())))
                .hasMessage("Invalid value for 'maxmemory' at line 1 of " + f.toAbsolutePath()
                        + ": argument must be a memory value");
        assertThatThrownBy(() -> ServerConfig.fromArgs(tmp, List.of("--port", "70000")))
                .hasMessage("Invalid value for 'port' on the command line: argument must be between 0 and 65535 "
                        + "inclusive");
        assertThatThrownBy(() -> ServerConfig.fromArgs(tmp, List.of("--nosuch", "1")))
                .hasMessage("Unknown parameter 'nosuch' on the command line");
    }

    @Test
    void refusesWhatItCannotHonourInOneLine() {
        assertRefused("daemonize yes", "daemonize yes is not supported");
        assertRefused("supervised systemd", "supervised modes are not supported");
        assertRefused("unixsocket /tmp/redis.sock", "unix sockets are not supported");
        assertRefused("notify-keyspace-events KEQ", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
    }

    private void assertRefused(String line, String reason) {
        assertThatThrownBy(() -> parse(line + "\n"))
                .isInstanceOf(ConfigException.class)
                .message().startsWith("Invalid value for '" + line.split(" ")[0] + "' at line 1 of ")
                .contains(reason).doesNotContain("\n");
    }

    @Test
    void savePointsAreAcceptedInCanonicalForm() throws Exception {
        assertThat(parse("save 900 1 0300 10\n").registry().get("save")).isEqualTo("900 1 300 10");
        assertThat(parse("save \"\"\n").registry().get("save")).isEmpty();
    }

    @Test
    void invalidSyntaxIsReportedAsRedisDoes() {
        assertThatThrownBy(() -> parse("save 900\n")).hasMessageEndingWith(": Invalid save parameters");
        assertThatThrownBy(() -> parse("daemonize maybe\n")).hasMessageEndingWith(": argument must be 'yes' or 'no'");
        assertThatThrownBy(() -> parse("port 1 2\n")).hasMessageEndingWith(": wrong number of arguments");
    }

    @Test
    void unbalancedQuotesDoNotEchoTheLineWhichMayHoldAPassword() {
        assertThatThrownBy(() -> parse("requirepass \"secret\n"))
                .message().startsWith("Unbalanced quotes at line 1 of ").doesNotContain("secret");
    }

    @Test
    void acceptsTheRedis7NamesUsersPutInRedisConf() throws Exception {
        ServerConfig c = parse("""
                port 6379
                bind 127.0.0.1 -::1
                protected-mode yes
                tcp-backlog 511
                timeout 0
                tcp-keepalive 300
                daemonize no
                supervised no
                pidfile /var/run/redis_6379.pid
                loglevel notice
                logfile ""
                syslog-enabled no
                syslog-ident redis
                syslog-facility local0
                databases 16
                always-show-logo no
                save ""
                stop-writes-on-bgsave-error yes
                rdbcompression yes
                rdbchecksum yes
                dbfilename dump.rdb
                dir ./
                requirepass foobared
                maxclients 10000
                maxmemory 0
                maxmemory-policy noeviction
                maxmemory-samples 5
                appendonly no
                appendfilename "appendonly.aof"
                appendfsync everysec
                lua-time-limit 5000
                slowlog-log-slower-than 10000
                slowlog-max-len 128
                latency-monitor-threshold 0
                notify-keyspace-events ""
                hz 10
                dynamic-hz yes
                enable-debug-command no
                proto-max-bulk-len 512mb
                client-query-buffer-limit 1gb
                io-threads 1
                """);
        assertThat(c.registry().get("busy-reply-threshold")).isEqualTo("5000");
        assertThat(c.registry().parameter("requirepass").sensitive()).isTrue();
        assertThat(c.dataDir()).isEqualTo(tmp.toAbsolutePath().normalize());
        assertThat(c.pidFile()).isEqualTo(Path.of("/var/run/redis_6379.pid"));
    }

    @Test
    void includeReadsAnotherFileAtThatPointAndReportsItsLines() throws Exception {
        Path common = tmp.resolve("common.conf");
        Files.writeString(common, "maxmemory 5mb\ntimeout 9\n");
        ServerConfig c = parse("timeout 1\ninclude " + common + "\nmaxmemory 6mb\n");
        assertThat(c.registry().get("timeout")).isEqualTo("9");
        assertThat(c.registry().get("maxmemory")).isEqualTo("6291456");

        Files.writeString(common, "port 1\nbogus 2\n");
        assertThatThrownBy(() -> parse("include " + common + "\n"))
                .hasMessage("Unknown parameter 'bogus' at line 2 of " + common);
        Path self = tmp.resolve("redoubt.conf");
        assertThatThrownBy(() -> parse("include " + self + "\n")).message().startsWith("Too many nested includes");
    }

    @Test
    void hzIsKeptWithinRedisBounds() throws Exception {
        assertThat(parse("hz 1000\n").registry().get("hz")).isEqualTo("500");
        assertThat(parse("hz 0\n").registry().get("hz")).isEqualTo("1");
    }

    @Test
    void relativeDirIsUnderTheInstallFolderAndShownAbsolute() throws Exception {
        ServerConfig c = parse("dir ./data\n");
        assertThat(c.registry().get("dir")).isEqualTo(tmp.toAbsolutePath().resolve("data").toString());
        assertThat(c.dataDir()).isAbsolute();
    }

    /** The shipped config/redoubt.conf loads as is and documents every parameter the server knows. */
    @Test
    void shippedConfigLoadsAndMentionsEveryParameter() throws Exception {
        Path shipped = Path.of("src/dist/config/redoubt.conf");
        ServerConfig c = ServerConfig.fromArgs(tmp, List.of(shipped.toString()));
        assertThat(c.registry().get("bind")).isEqualTo("127.0.0.1 -::1");
        assertThat(c.registry().get("port")).isEqualTo("6379");
        assertThat(c.dataDir()).isEqualTo(tmp.toAbsolutePath().resolve("data"));
        assertThat(c.logFile()).isNull();
        String text = Files.readString(shipped).toLowerCase(Locale.ROOT);
        Set<String> missing = new TreeSet<>();
        for (ConfigParameter p : c.registry().parameters()) {
            if (!text.matches("(?s).*\\n#? ?" + java.util.regex.Pattern.quote(p.name()) + " .*")) {
                missing.add(p.name());
            }
        }
        assertThat(missing).as("parameters not documented in redoubt.conf").isEmpty();
    }

    /**
     * The shipped file's security notes name what the code does: the hash file's real name, a
     * password passed through REDISCLI_AUTH rather than on redis-cli's command line, where the CA key
     * is kept, and protected mode as AccessControl applies it.
     */
    @Test
    void shippedConfigSecurityNotesMatchTheCode() throws Exception {
        String text = Files.readString(Path.of("src/dist/config/redoubt.conf"));
        assertThat(text).contains("data/" + FirstStartPassword.HASH_FILE, "data/" + FirstStartPassword.PASSWORD_FILE,
                        "REDISCLI_AUTH=\"$(cat data/" + FirstStartPassword.PASSWORD_FILE + ")\" redis-cli")
                .doesNotContain("default-user.acl").doesNotContain("redis-cli -a \"")
                .contains("<dir>/tls-ca/ca.key").contains("-DENIED")
                .doesNotContain("Redoubt does not yet refuse remote clients");
    }
}
