package io.redoubt.node;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * The node's Log4j2 setup, made from {@code loglevel} and {@code logfile} rather than from an XML
 * file, so redis.conf is the one place an operator configures logging. Redis's levels map to Log4j's:
 * debug = TRACE, verbose = DEBUG, notice = INFO, warning = WARN, nothing = OFF.
 */
final class Logging {
    private static final String PATTERN = "%pid:M %d{dd MMM yyyy HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n";

    private Logging() {
    }

    /** Sends log lines to {@code file} (null: stdout) at Redis level {@code level}, replacing any earlier setup. */
    static void configure(String level, Path file) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setStatusLevel(Level.WARN);
        b.setConfigurationName("redoubt");
        AppenderComponentBuilder out;
        if (file == null) {
            out = b.newAppender("out", "Console").addAttribute("target", ConsoleAppender.Target.SYSTEM_OUT);
        } else {
            out = b.newAppender("out", "File").addAttribute("fileName", file.toString())
                    .addAttribute("append", true);
        }
        out.add(b.newLayout("PatternLayout").addAttribute("pattern", PATTERN));
        b.add(out);
        // Netty is chatty below WARN; its warnings still matter.
        b.add(b.newLogger("io.netty", Level.WARN).add(b.newAppenderRef("out")).addAttribute("additivity", false));
        b.add(b.newRootLogger(toLog4j(level)).add(b.newAppenderRef("out")));
        Configurator.reconfigure(b.build());
    }

    /** CONFIG SET loglevel. */
    static void level(String level) {
        Configurator.setRootLevel(toLog4j(level));
    }

    static Level toLog4j(String redisLevel) {
        return switch (redisLevel.toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.TRACE;
            case "verbose" -> Level.DEBUG;
            case "notice" -> Level.INFO;
            case "warning" -> Level.WARN;
            case "nothing" -> Level.OFF;
            default -> throw new IllegalArgumentException("unknown log level " + redisLevel);
        };
    }
}
