package io.tributary.bench.node;

import java.nio.file.Path;

/** log4j2 configurations for the Kafka JVMs the bench starts, so that none of them chatters on the bench's console. */
public final class Log4jConfig {

    private Log4jConfig() {
    }

    /** Everything at WARN and above into one file, nothing on the console. */
    public static String fileAtWarn(Path logFile) {
        return "status = warn\n"
                + "appender.file.type = File\n"
                + "appender.file.name = FILE\n"
                + "appender.file.fileName = " + logFile + "\n"
                + "appender.file.layout.type = PatternLayout\n"
                + "appender.file.layout.pattern = [%d] %p %m (%c)%n\n"
                + "rootLogger.level = WARN\n"
                + "rootLogger.appenderRef.file.ref = FILE\n";
    }
}
