package io.tributary.coordinator.group;

/** The group protocols, named as ListGroups v5+ names them. Only {@code classic} exists so far. */
public enum GroupType {
    CLASSIC("classic");

    private final String kafkaName;

    GroupType(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }
}
