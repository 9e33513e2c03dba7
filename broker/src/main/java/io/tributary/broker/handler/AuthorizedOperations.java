package io.tributary.broker.handler;

/**
 * The authorized-operations bit fields Metadata and DescribeCluster return when asked. Without an
 * authorizer every operation is allowed, so the answer is every operation that applies to the
 * resource, with Kafka's operation codes as bit positions.
 */
public final class AuthorizedOperations {

    private static final int READ = 3;
    private static final int WRITE = 4;
    private static final int CREATE = 5;
    private static final int DELETE = 6;
    private static final int ALTER = 7;
    private static final int DESCRIBE = 8;
    private static final int CLUSTER_ACTION = 9;
    private static final int DESCRIBE_CONFIGS = 10;
    private static final int ALTER_CONFIGS = 11;
    private static final int IDEMPOTENT_WRITE = 12;

    public static final int TOPIC = bits(READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS);
    /** A consumer group's operations, as Kafka lists them for DescribeGroups. */
    public static final int GROUP = bits(READ, DELETE, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS);
    public static final int CLUSTER = bits(CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE);

    private AuthorizedOperations() {
    }

    private static int bits(int... ops) {
        int b = 0;
        for (int op : ops) {
            b |= 1 << op;
        }
        return b;
    }
}
