package org.vivacite.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging of the commands that do not start the server (set up by the main class before any of
 * them runs; serve's Spring Boot sets up its own): warnings and errors only, on standard
 * error, so that standard output carries the command's own output (decode's JSON lines) and
 * nothing else. Apache SIS's notice about SIS_DATA (where its optional EPSG database would be; the territory import
 * reprojects Lambert-93 without it) is
 * silenced.
 */
public final class CliLogging {

    private CliLogging() {}

    public static void toStandardError() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("vivacite: %level %logger{20}: %msg%n");
        encoder.start();
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> err = new ConsoleAppender<>();
        err.setContext(context);
        err.setTarget("System.err");
        err.setEncoder(encoder);
        err.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(err);
        context.getLogger("org.apache.sis").setLevel(Level.ERROR);
        // what disclosure control did (cells proven, hidden, linear programmes, time): the operator's
        // one summary of a publication's protection
        context.getLogger("org.vivacite.opendata.disclosure").setLevel(Level.INFO);
    }
}
