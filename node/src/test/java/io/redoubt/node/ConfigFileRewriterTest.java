package io.redoubt.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.config.ConfigFileRewriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFIG REWRITE's text transformation, checked against what Redis 7.0 writes for the same changes. */
class ConfigFileRewriterTest {
    @TempDir
    Path tmp;

    @Test
    void keepsLayoutReplacesInPlaceBlanksRepeatsAndAppendsTheRest() throws Exception {
        Path f = tmp.resolve("r.conf");
        Files.writeString(f, """
                # top comment
                port 7392

                # mem
                maxmemory 100mb
                hz 10
                hz 20
                save ""
                """);
        ServerConfig c = ServerConfig.fromArgs(tmp, List.of(f.toString()));
        c.registry().setAll(List.of("maxmemory", "2gb", "maxmemory-policy", "allkeys-lru", "hz", "10",
                "timeout", "5", "maxmemory-samples", "7", "proto-max-bulk-len", "1000000000"), true);
        List<String> out = ConfigFileRewriter.rewrite(Files.readAllLines(f), c.registry());
        // The same file and changes on Redis 7.0.15 give these lines, apart from the order of the
        // appended ones and the parameters Redoubt does not have.
        assertThat(out).containsExactly(
                "# top comment",
                "port 7392",
                "",
                "# mem",
                "maxmemory 2gb",
                "hz 10",
                "",
                "save \"\"",
                ConfigFileRewriter.SIGNATURE,
                "timeout 5",
                "maxmemory-policy allkeys-lru",
                "maxmemory-samples 7",
                "proto-max-bulk-len 1000000000");
        // Rewriting again changes nothing.
        assertThat(ConfigFileRewriter.rewrite(out, c.registry())).isEqualTo(out);
    }

    @Test
    void aliasLinesAreRewrittenUnderTheCurrentNameAndStringsAreQuoted() throws Exception {
        Path f = tmp.resolve("r.conf");
        Files.writeString(f, "hash-max-ziplist-entries 5\nlogfile x.log\n");
        ServerConfig c = ServerConfig.fromArgs(tmp, List.of(f.toString()));
        c.registry().setAll(List.of("hash-max-listpack-entries", "9"), true);
        assertThat(ConfigFileRewriter.rewrite(Files.readAllLines(f), c.registry()))
                .containsExactly("hash-max-listpack-entries 9", "logfile \"x.log\"");
    }

    @Test
    void rewriteFileKeepsDirRelativeToTheInstallFolder() throws Exception {
        Path f = tmp.resolve("r.conf");
        Files.writeString(f, "dir ./data\nmaxmemory 0\n");
        ServerConfig c = ServerConfig.fromArgs(tmp, List.of(f.toString()));
        c.registry().setAll(List.of("maxmemory", "3mb"), true);
        c.rewriteFile();
        assertThat(Files.readAllLines(f)).containsExactly("dir \"./data\"", "maxmemory 3mb");
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).containsExactly("r.conf");
    }

    /**
     * Every parameter, set to every hostile value it accepts (a newline followed by a user line, a
     * blank, quotes, a backslash, a control byte, a Unicode space), is written so that reading the
     * file back gives the same value and nothing else: no value can add a line, a word or a user.
     */
    @Test
    void noValueOfAnyParameterCanAddALineOrAWord() throws Exception {
        Path f = tmp.resolve("r.conf");
        Files.writeString(f, "dir " + tmp.resolve("data") + "\n");
        ServerConfig c = ServerConfig.fromArgs(tmp, List.of(f.toString()));
        List<String> hostile = List.of("a\nuser backdoor on nopass ~* &* +@all", "a b", "x\"y", "'q'", "b\\s",
                "c\u0001d\re", "u\u2003v", "");
        java.util.Map<String, String> accepted = new java.util.TreeMap<>();
        for (io.redoubt.engine.config.ConfigParameter p : c.registry().parameters()) {
            if (p.name().equals("dir")) {
                continue; // the file must still name a usable folder
            }
            for (String v : hostile) {
                try {
                    c.registry().setAll(List.of(p.name(), v), false);
                    accepted.put(p.name(), c.registry().get(p.name()));
                } catch (io.redoubt.engine.config.ConfigRegistry.SetFailure refused) {
                    // not a value this parameter takes
                }
            }
        }
        assertThat(accepted).as("parameters that took a hostile value").isNotEmpty();
        List<String> out = ConfigFileRewriter.rewrite(Files.readAllLines(f), c.registry());
        assertThat(out).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\r"));
        Files.write(f, out);
        ServerConfig back = ServerConfig.fromArgs(tmp, List.of(f.toString()));
        for (var e : accepted.entrySet()) {
            assertThat(back.registry().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(Files.readAllLines(f)).noneMatch(l -> l.startsWith("user"));
    }
}
