package io.tributary.broker.config;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.Validator;
import java.util.List;

/**
 * One entry of {@code controller.quorum.voters}: {@code id@host:port}. The single-node release only
 * checks the syntax, so a file written for a cluster fails early instead of in the cluster release.
 */
public record QuorumVoter(int id, String host, int port) {

    public static final Validator VALIDATOR = (key, value) -> {
        for (Object item : (List<?>) value) {
            parse(key, String.valueOf(item));
        }
    };

    public static QuorumVoter parse(String key, String text) {
        int at = text.indexOf('@');
        int colon = text.lastIndexOf(':');
        if (at <= 0 || colon < at + 1 || colon == text.length() - 1) {
            throw new ConfigException(key, text, "a voter is written id@host:port");
        }
        try {
            int id = Integer.parseInt(text.substring(0, at));
            int port = Integer.parseInt(text.substring(colon + 1));
            if (id < 0 || port < 0 || port > 65535) {
                throw new ConfigException(key, text, "the id must be >= 0 and the port between 0 and 65535");
            }
            String host = text.substring(at + 1, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new QuorumVoter(id, host, port);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, text, "the id and the port must be numbers");
        }
    }
}
