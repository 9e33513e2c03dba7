package io.tributary.bench.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command lines for child JVMs. They all use the java binary that runs the bench, so the machine line
 * of the report names the one JDK every process used. Numbers printed by Kafka's tools go through
 * {@code printf}, so children run with an English locale that the parsers can rely on.
 */
public final class JavaCommand {

    private static final List<String> LOCALE = List.of("-Duser.language=en", "-Duser.country=US");

    private JavaCommand() {
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static List<String> mainClass(List<String> jvmOptions, String classPath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(LOCALE);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    public static List<String> jar(List<String> jvmOptions, Path jar, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(LOCALE);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    /** Splits an options string such as {@code "-Xms1g -Xmx1g"} the way a shell would for plain words. */
    public static List<String> words(String options) {
        String trimmed = options.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
}
