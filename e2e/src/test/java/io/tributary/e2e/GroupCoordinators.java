package io.tributary.e2e;

import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.BrokerConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;

/** Which broker coordinates a group, as FindCoordinator (v6, the Java client's form) answers it. */
final class GroupCoordinators {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private GroupCoordinators() {
    }

    /**
     * The node id that {@code broker} names as the coordinator of {@code group}, waiting up to
     * {@code bound} while it answers with an error (the first lookup creates {@code __consumer_offsets},
     * and a lookup that races its first leaders is told to retry).
     */
    static int coordinatorOf(String broker, String group, Duration bound) {
        int[] found = {-1};
        await("a coordinator for group " + group + " from " + broker).atMost(bound).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> {
                    FindCoordinatorResponseData.Coordinator answer = ask(broker, group);
                    found[0] = answer.nodeId();
                    return answer.errorCode() == Errors.NONE.code();
                });
        return found[0];
    }

    private static FindCoordinatorResponseData.Coordinator ask(String broker, String group) {
        try (BrokerConnection connection = BrokerConnection.open(broker, PROBE_TIMEOUT)) {
            FindCoordinatorResponse response = (FindCoordinatorResponse) connection.send(new FindCoordinatorRequest.Builder(
                    new FindCoordinatorRequestData().setKeyType(FindCoordinatorRequest.CoordinatorType.GROUP.id())
                            .setCoordinatorKeys(new ArrayList<>(List.of(group)))).build((short) 6));
            return response.data().coordinators().get(0);
        }
    }
}
