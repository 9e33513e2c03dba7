package io.tributary.broker;

/** The build's version, from the jar manifest; "dev" when running from classes. */
public final class Version {

    private Version() {
    }

    public static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static String describe() {
        return "tributary " + version() + " (Kafka protocol, Java " + System.getProperty("java.version") + ")";
    }
}
