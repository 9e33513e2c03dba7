package io.tributary.bench.node;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags the {@code ./tributary} launcher would give the broker, read from the launcher script
 * itself so that the bench measures the broker as users run it, and follows the launcher when its
 * defaults change. TRIBUTARY_HEAP_OPTS and TRIBUTARY_JVM_OPTS override them exactly as in the launcher.
 */
public final class TributaryLauncher {

    /** Used only when the launcher script cannot be read or no longer has the expected shape. */
    static final String FALLBACK_HEAP_OPTS = "-Xms256m -Xmx1g";

    private static final Pattern HEAP_DEFAULT = Pattern.compile("\\$\\{TRIBUTARY_HEAP_OPTS:-([^}]*)}");
    private static final Pattern XX_FLAG = Pattern.compile("(?<![\\w-])(-XX:[^\\s\\\\\"']+)");

    private TributaryLauncher() {
    }

    /**
     * @param launcherScript the text of ./tributary
     * @param heapEnv        the value of TRIBUTARY_HEAP_OPTS, or null
     * @param jvmEnv         the value of TRIBUTARY_JVM_OPTS, or null
     */
    public static List<String> jvmFlags(String launcherScript, String heapEnv, String jvmEnv) {
        List<String> flags = new ArrayList<>();
        flags.addAll(JavaCommand.words(heapEnv != null ? heapEnv : defaultHeapOpts(launcherScript)));
        String execLine = execLine(launcherScript);
        Matcher xx = XX_FLAG.matcher(execLine);
        while (xx.find()) {
            flags.add(xx.group(1));
        }
        if (jvmEnv != null) {
            flags.addAll(JavaCommand.words(jvmEnv));
        }
        return flags;
    }

    static String defaultHeapOpts(String launcherScript) {
        Matcher matcher = HEAP_DEFAULT.matcher(launcherScript);
        return matcher.find() ? matcher.group(1) : FALLBACK_HEAP_OPTS;
    }

    /**
     * The {@code exec java ... -jar "$JAR"} command that starts the broker, joined across
     * backslash-continued lines. The launcher has other {@code exec java} lines (the client commands
     * run their own jar with a small, quick-starting JVM), and their flags are not the broker's.
     */
    static String execLine(String launcherScript) {
        String joined = launcherScript.replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            if (line.trim().startsWith("exec java") && line.contains("-jar \"$JAR\"")) {
                return line;
            }
        }
        return "";
    }
}
