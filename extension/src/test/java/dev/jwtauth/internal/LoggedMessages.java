package dev.jwtauth.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What a class logs while an action runs: the tests read jwtauth's messages as an operator would. */
public final class LoggedMessages {

    private LoggedMessages() {
    }

    /** The messages {@code source}'s logger records at exactly {@code level} during {@code action}. */
    public static List<String> during(Class<?> source, Level level, Runnable action) {
        Logger logger = Logger.getLogger(source.getName());
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == level) {
                    messages.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            action.run();
        } finally {
            logger.removeHandler(capture);
        }
        return List.copyOf(messages);
    }
}
