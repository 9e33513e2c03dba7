package io.tributary.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Turns whatever a client call threw into the one line the user reads. The clients wrap the cause
 * (an {@link ExecutionException} around an {@link ApiException}, say); the line names the innermost
 * cause in words, with the client's own message where it says more than its class name.
 */
public final class Errors {
    private Errors() {
    }

    /** The innermost meaningful cause: the wrappers of futures and of the clients are peeled off. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof ExecutionException || current instanceof CompletionException
                        || current.getClass() == KafkaException.class)) {
            current = current.getCause();
        }
        return current;
    }

    /** One line naming the cause of {@code t}, for a command whose cluster is at {@code bootstrap}. */
    public static String oneLine(Throwable t, String bootstrap) {
        Throwable cause = unwrap(t);
        if (cause instanceof CliException) {
            return cause.getMessage();
        }
        if (cause instanceof TimeoutException) {
            return "no answer from the cluster at " + bootstrap + " in time (is it running? " + firstLine(cause) + ")";
        }
        if (cause instanceof UnsupportedVersionException) {
            return "the cluster does not support this request: " + firstLine(cause);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return "unknown topic or partition: " + firstLine(cause);
        }
        if (cause instanceof TopicExistsException || cause instanceof GroupIdNotFoundException) {
            return firstLine(cause);
        }
        String kind = cause.getClass().getSimpleName().replaceAll("Exception$", "");
        String message = firstLine(cause);
        return message.isEmpty() ? kind : kind + ": " + message;
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage();
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
