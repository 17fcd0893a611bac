package io.redoubt.it.tls;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects the log lines of one logger (the real Log4j2 pipeline) so a test can read what was logged. */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final org.apache.logging.log4j.Level previous;

    LogCapture(Class<?> source) {
        super("capture-" + source.getSimpleName() + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = (Logger) LogManager.getLogger(source);
        this.previous = logger.getLevel();
        start();
        logger.addAppender(this);
        logger.setLevel(org.apache.logging.log4j.Level.INFO); // the test configuration logs warnings only
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    boolean contains(String... parts) {
        return lines.stream().anyMatch(l -> java.util.Arrays.stream(parts).allMatch(l::contains));
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        logger.setLevel(previous);
        stop();
    }
}
