package io.redoubt.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.redoubt.audit.FileRotation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** loglevel and logfile drive Log4j2: Redis's level names map to Log4j's, lines go to the file, which rotates. */
class LoggingTest {
    @TempDir
    Path tmp;

    @AfterEach
    void backToTheTestConfiguration() {
        Configurator.reconfigure();
    }

    @Test
    void redisLevelsMapToLog4jLevels() {
        assertThat(Logging.toLog4j("debug")).isEqualTo(Level.TRACE);
        assertThat(Logging.toLog4j("verbose")).isEqualTo(Level.DEBUG);
        assertThat(Logging.toLog4j("notice")).isEqualTo(Level.INFO);
        assertThat(Logging.toLog4j("warning")).isEqualTo(Level.WARN);
        assertThat(Logging.toLog4j("nothing")).isEqualTo(Level.OFF);
    }

    @Test
    void logfileReceivesLinesAtOrAboveTheLevelAndLevelChangesAtRuntime() throws Exception {
        Path file = tmp.resolve("log/redoubt.log");
        Files.createDirectories(file.getParent());
        Logging.configure("warning", file);
        Logger log = LoggerFactory.getLogger("io.redoubt.test");
        log.info("not at warning");
        log.warn("a warning line");
        Logging.level("notice"); // CONFIG SET loglevel notice
        log.info("now at notice");
        log.debug("still hidden");
        String text = Files.readString(file);
        assertThat(text).contains("a warning line", "now at notice")
                .doesNotContain("not at warning", "still hidden")
                .startsWith(ProcessHandle.current().pid() + ":M ");
    }

    @Test
    void rotatesBySizeIntoGzipFilesAndKeepsOnlyTheNewest() throws Exception {
        Path file = tmp.resolve("log/redoubt.log");
        Files.createDirectories(file.getParent());
        Logging.configure("notice", file, new FileRotation(4096, FileRotation.Period.DAILY, 3));
        Logger log = LoggerFactory.getLogger("io.redoubt.test");
        String filler = "x".repeat(200);
        for (int i = 0; i < 400; i++) {
            log.info("line {} {}", i, filler); // about 100 KB: some 25 rotations
        }
        Configurator.reconfigure(); // closes the appender so the last compression is done
        List<Path> rotated;
        try (Stream<Path> files = Files.list(file.getParent())) {
            rotated = files.filter(p -> p.getFileName().toString().startsWith("redoubt.log-")).sorted().toList();
        }
        assertThat(rotated).hasSize(3).allSatisfy(p -> assertThat(p.getFileName().toString())
                .matches("redoubt\\.log-\\d{4}-\\d{2}-\\d{2}-\\d+\\.gz"));
        for (Path p : rotated) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text).contains("line ").contains(filler);
            }
        }
        // the oldest files were deleted: line 0 survives in none of the kept files
        for (Path p : rotated) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("line 0 ");
            }
        }
        assertThat(Files.size(file)).isLessThan(4096 + 1024);
    }

    @Test
    void forwardsLogLinesToSyslogWithSeveritiesButNotTheAuditModulesOwn() throws Exception {
        Path file = tmp.resolve("log/redoubt.log");
        Files.createDirectories(file.getParent());
        Logging.configure("notice", file);
        List<String> forwarded = new java.util.concurrent.CopyOnWriteArrayList<>();
        Logging.forwardTo((severity, time, logger, text) -> forwarded.add(severity + " " + logger + " " + text));
        LoggerFactory.getLogger("io.redoubt.test").warn("disk is {}", "slow");
        LoggerFactory.getLogger("io.redoubt.test").info("a notice");
        LoggerFactory.getLogger("io.redoubt.test").debug("hidden at notice");
        LoggerFactory.getLogger("io.netty.test").warn("netty warns");
        LoggerFactory.getLogger("io.redoubt.audit.QueuedSender").warn("syslog: cannot send");
        assertThat(forwarded).containsExactly("WARNING io.redoubt.test disk is slow", "NOTICE io.redoubt.test a notice",
                "WARNING io.netty.test netty warns");
        assertThat(Files.readString(file)).contains("syslog: cannot send"); // still in the local file
    }
}
