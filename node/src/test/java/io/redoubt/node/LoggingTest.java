package io.redoubt.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** loglevel and logfile drive Log4j2: Redis's level names map to Log4j's, lines go to the file. */
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
}
