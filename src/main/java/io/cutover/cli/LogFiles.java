package io.cutover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The run log in {@code ./.cutover/logs/}: every line a run prints (already masked), with time and
 * process, as text ({@code cutover.log}) or JSON lines ({@code cutover.jsonl}, {@code --log-format json}).
 * Logback is configured here and nowhere else. Each line is written as it is logged, so a {@code kill -9} loses none
 * (a queue and a logging thread in between were measured on 2026-12-06: no faster a run).
 */
final class LogFiles {
    private static FileAppender<ILoggingEvent> current;

    private LogFiles() {
    }

    /** Starts writing the {@code io.cutover} loggers to the log folder. */
    static synchronized Path start(boolean json) {
        finish(); // a command run before in this process (tests run several)
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Path file = Path.of(".cutover", "logs", json ? "cutover.jsonl" : "cutover.log");
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("cutover-run-log");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setPrudent(false); // append mode: each line is one write(2) with O_APPEND, whole even with several processes
        appender.setEncoder(encoder(context, json));
        appender.start();
        Logger logger = context.getLogger("io.cutover");
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        current = appender;
        return file;
    }

    /** The command's last word (the outcome it printed), in the run log too: ERROR when it did not end well. */
    static void outcome(String maskedMessage, boolean ok) {
        org.slf4j.Logger log = LoggerFactory.getLogger("io.cutover.run");
        if (ok) {
            log.info(maskedMessage);
        } else {
            log.error(maskedMessage);
        }
    }

    /** Closes the log file at the end of a command; nothing when no log was started. */
    static synchronized void finish() {
        if (current == null) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("io.cutover").detachAppender(current);
        current.stop();
        current = null;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
        if (json) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.setWithMDC(true);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level pid=" + ProcessHandle.current().pid()
                + " run=%X{run:--} %msg%n");
        encoder.start();
        return encoder;
    }
}
