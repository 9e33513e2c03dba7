package io.tributary.bench;

/** The two systems every scenario measures, in the order a round runs them. */
public enum SystemKind {
    TRIBUTARY("Tributary"),
    KAFKA("Kafka");

    private final String displayName;

    SystemKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
