package io.tributary.broker.handler;

/** Topics Kafka marks internal: clients may not write them and Metadata flags them. */
final class InternalTopics {

    static final String CONSUMER_OFFSETS = "__consumer_offsets";
    static final String TRANSACTION_STATE = "__transaction_state";

    private InternalTopics() {
    }

    static boolean isInternal(String topic) {
        return CONSUMER_OFFSETS.equals(topic) || TRANSACTION_STATE.equals(topic);
    }
}
