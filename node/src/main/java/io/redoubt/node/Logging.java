package io.redoubt.node;

import io.redoubt.audit.FileRotation;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ComponentBuilder;
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
        configure(level, file, FileRotation.NEVER);
    }

    /**
     * As {@link #configure(String, Path)}, rotating {@code file} as {@code rotation} says: rotated files
     * are named {@code <file>-<date>-<n>.gz} (gzip, from the {@code .gz} suffix) and the oldest beyond
     * {@code maxFiles} are deleted at each rotation.
     */
    static void configure(String level, Path file, FileRotation rotation) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setStatusLevel(Level.WARN);
        b.setConfigurationName("redoubt");
        AppenderComponentBuilder out;
        if (file == null) {
            out = b.newAppender("out", "Console").addAttribute("target", ConsoleAppender.Target.SYSTEM_OUT);
        } else if (!rotation.rotates()) {
            out = b.newAppender("out", "File").addAttribute("fileName", file.toString())
                    .addAttribute("append", true);
        } else {
            out = rollingFile(b, file, rotation);
        }
        out.add(b.newLayout("PatternLayout").addAttribute("pattern", PATTERN));
        b.add(out);
        // Netty, and on a node Ratis (with its shaded gRPC), Jetty and Javalin, are chatty below WARN: dozens
        // of lines of their own settings at each start. Their warnings still matter.
        for (String chatty : new String[] {"io.netty", "org.apache.ratis", "org.eclipse.jetty", "io.javalin"}) {
            b.add(b.newLogger(chatty, Level.WARN).add(b.newAppenderRef("out")).addAttribute("additivity", false));
        }
        b.add(b.newRootLogger(toLog4j(level)).add(b.newAppenderRef("out")));
        Configurator.reconfigure(b.build());
    }

    private static AppenderComponentBuilder rollingFile(ConfigurationBuilder<BuiltConfiguration> b, Path file,
                                                        FileRotation rotation) {
        String name = file.getFileName().toString();
        String date = rotation.period().datePattern();
        String pattern = file + (date.isEmpty() ? "" : "-" + date) + "-%i.gz";
        ComponentBuilder<?> policies = b.newComponent("Policies");
        if (rotation.maxBytes() > 0) {
            policies.addComponent(b.newComponent("SizeBasedTriggeringPolicy")
                    .addAttribute("size", Long.toString(rotation.maxBytes())));
        }
        if (rotation.period() != FileRotation.Period.NONE) {
            policies.addComponent(b.newComponent("TimeBasedTriggeringPolicy").addAttribute("interval", 1)
                    .addAttribute("modulate", true));
        }
        // The counter restarts with each period, so the cap on the number of files is a Delete action
        // over all rotated files rather than the strategy's per-period window.
        ComponentBuilder<?> delete = b.newComponent("Delete")
                .addAttribute("basePath", file.getParent().toString()).addAttribute("maxDepth", 1)
                .addComponent(b.newComponent("IfFileName").addAttribute("glob", name + "-*.gz")
                        .addComponent(b.newComponent("IfAccumulatedFileCount")
                                .addAttribute("exceeds", rotation.maxFiles())));
        ComponentBuilder<?> strategy = b.newComponent("DefaultRolloverStrategy")
                .addAttribute("max", Math.max(rotation.maxFiles(), 1)).addAttribute("fileIndex", "max")
                .addComponent(delete);
        return b.newAppender("out", "RollingFile").addAttribute("fileName", file.toString())
                .addAttribute("filePattern", pattern).addAttribute("append", true)
                .addComponent(policies).addComponent(strategy);
    }

    /**
     * Also sends every log line to {@code sink} (syslog), from every logger the setup has; called once
     * the node's audit trail is up, so lines logged before it reach only the file or stdout.
     */
    static void forwardTo(SyslogLogAppender.Sink sink) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        SyslogLogAppender appender = new SyslogLogAppender(sink);
        appender.start();
        config.addAppender(appender);
        java.util.List<LoggerConfig> loggers = new java.util.ArrayList<>(config.getLoggers().values());
        loggers.add(config.getRootLogger());
        for (LoggerConfig logger : loggers) {
            if (!logger.getAppenders().containsKey(appender.getName())) {
                logger.addAppender(appender, null, null);
            }
        }
        ctx.updateLoggers();
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
