package io.tributary.quorum;

import io.tributary.common.config.ConfigException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed value of {@code controller.quorum.voters}: a comma-separated list of
 * {@code id@host:port}, in Kafka's format. IPv6 literals are written in brackets
 * ({@code 1@[::1]:9093}). Every error names the key and the offending item, so an operator knows
 * what to fix: a malformed item, a non-numeric or negative id, an empty host, a bad port, a
 * duplicate id, or two voters at the same address.
 */
public final class QuorumVoters {

    public static final String KEY = "controller.quorum.voters";

    private final Map<Integer, QuorumVoter> byId;

    private QuorumVoters(Map<Integer, QuorumVoter> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Builds a voter set from already-parsed voters, with the same checks as {@link #parse}. */
    public static QuorumVoters of(List<QuorumVoter> voters) {
        Map<Integer, QuorumVoter> byId = new LinkedHashMap<>();
        Set<String> addresses = new HashSet<>();
        for (QuorumVoter voter : voters) {
            if (byId.putIfAbsent(voter.id(), voter) != null) {
                throw new ConfigException(KEY, render(voters), "voter id " + voter.id() + " appears more than once");
            }
            if (!addresses.add(voter.address().toLowerCase(java.util.Locale.ROOT))) {
                throw new ConfigException(KEY, render(voters),
                        "two voters share the address " + voter.address() + "; each voter needs its own CONTROLLER listener");
            }
        }
        if (byId.isEmpty()) {
            throw new ConfigException(KEY, "", "at least one voter is required");
        }
        return new QuorumVoters(byId);
    }

    /** Parses {@code id@host:port[,id@host:port...]}; blanks around items are ignored, as Kafka does. */
    public static QuorumVoters parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(KEY, text, "at least one voter is required, written id@host:port");
        }
        List<QuorumVoter> voters = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String item = part.trim();
            if (item.isEmpty()) {
                throw new ConfigException(KEY, text, "empty item in the list (a stray comma?)");
            }
            voters.add(parseOne(text, item));
        }
        return of(voters);
    }

    private static QuorumVoter parseOne(String text, String item) {
        int at = item.indexOf('@');
        if (at <= 0) {
            throw new ConfigException(KEY, text, "item '" + item + "' is not of the form id@host:port");
        }
        int id;
        try {
            id = Integer.parseInt(item.substring(0, at));
        } catch (NumberFormatException e) {
            throw new ConfigException(KEY, text, "item '" + item + "' has a node id that is not an integer");
        }
        if (id < 0) {
            throw new ConfigException(KEY, text, "item '" + item + "' has a negative node id");
        }
        String hostPort = item.substring(at + 1);
        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                throw new ConfigException(KEY, text, "item '" + item + "' has a bracketed host without ]:port");
            }
            host = hostPort.substring(1, close);
            portText = hostPort.substring(close + 2);
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException(KEY, text, "item '" + item + "' has no port (expected id@host:port)");
            }
            host = hostPort.substring(0, colon);
            portText = hostPort.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new ConfigException(KEY, text, "item '" + item + "' has an IPv6 host; write it in brackets: id@[addr]:port");
            }
        }
        if (host.isEmpty()) {
            throw new ConfigException(KEY, text, "item '" + item + "' has an empty host");
        }
        if (!host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '%')) {
            throw new ConfigException(KEY, text, "item '" + item + "' has a host with characters no host name or address has");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new ConfigException(KEY, text, "item '" + item + "' has a port that is not an integer");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException(KEY, text, "item '" + item + "' has port " + port + " outside 1-65535");
        }
        return new QuorumVoter(id, host, port);
    }

    public List<QuorumVoter> voters() {
        return List.copyOf(byId.values());
    }

    public Optional<QuorumVoter> voter(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(int id) {
        return byId.containsKey(id);
    }

    public int size() {
        return byId.size();
    }

    /** The number of voters that must agree for an entry to commit or a leader to be elected. */
    public int majority() {
        return byId.size() / 2 + 1;
    }

    private static String render(List<QuorumVoter> voters) {
        return String.join(",", voters.stream().map(QuorumVoter::toString).toList());
    }

    @Override
    public String toString() {
        return render(voters());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuorumVoters other && other.byId.equals(byId);
    }

    @Override
    public int hashCode() {
        return byId.hashCode();
    }
}
