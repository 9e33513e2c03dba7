package io.tributary.broker.config;

import io.tributary.common.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One listener, written {@code NAME://host:port} as Kafka writes it. An empty host means every
 * interface; port 0 asks the operating system for a free port (tests use it). IPv6 hosts are
 * written in brackets: {@code PLAINTEXT://[::1]:9092}.
 *
 * @param name the listener name, upper case, which also picks the security protocol
 * @param host the host to bind or advertise; empty for all interfaces
 * @param port 0 to 65535
 */
public record Listener(String name, String host, int port) {

    public Listener {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("listener name is empty");
        }
        if (host == null) {
            throw new IllegalArgumentException("listener host is null (use an empty string for all interfaces)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listener port out of range: " + port);
        }
    }

    /** True when the host is empty or a wildcard address, so it cannot be handed to clients as is. */
    public boolean bindsAllInterfaces() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    public Listener withHost(String newHost) {
        return new Listener(name, newHost, port);
    }

    public Listener withPort(int newPort) {
        return new Listener(name, host, newPort);
    }

    /** The host and port as a client writes them in {@code bootstrap.servers}. */
    public String hostPort() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port;
    }

    @Override
    public String toString() {
        return name + "://" + hostPort();
    }

    /**
     * Parses one {@code NAME://host:port}; the exception names {@code key} so the operator knows which
     * line of the file to fix.
     */
    public static Listener parse(String key, String text) {
        String t = text.trim();
        int sep = t.indexOf("://");
        if (sep <= 0) {
            throw new ConfigException(key, text, "a listener is written NAME://host:port");
        }
        String name = t.substring(0, sep).toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z0-9_]+")) {
            throw new ConfigException(key, text, "a listener name uses letters, digits and '_' only");
        }
        String rest = t.substring(sep + 3);
        String host;
        String portText;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                throw new ConfigException(key, text, "an IPv6 listener is written NAME://[address]:port");
            }
            host = rest.substring(1, close);
            portText = rest.substring(close + 2);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException(key, text, "a listener needs a port: NAME://host:port");
            }
            host = rest.substring(0, colon);
            portText = rest.substring(colon + 1);
            if (host.contains(":")) {
                throw new ConfigException(key, text, "write an IPv6 host in brackets: NAME://[address]:port");
            }
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, text, "the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, text, "the port must be between 0 and 65535");
        }
        return new Listener(name, host, port);
    }

    /**
     * Parses {@code http.listener}: {@code http://host:port}, or just {@code host:port}. The scheme is
     * the listener's name, so only {@code http} is accepted (TLS is not served yet).
     */
    public static Listener parseHttp(String key, String text) {
        String t = text.trim();
        Listener l = parse(key, t.contains("://") ? t : "HTTP://" + t);
        if (!l.name().equals("HTTP")) {
            throw new ConfigException(key, text, "the HTTP listener is written http://host:port (https is not served yet)");
        }
        return l;
    }

    /** Parses a list of listeners and refuses two with the same name, as Kafka does. */
    public static List<Listener> parseAll(String key, List<String> items) {
        List<Listener> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String item : items) {
            Listener l = parse(key, item);
            if (!names.add(l.name())) {
                throw new ConfigException(key, String.join(",", items), "listener name " + l.name() + " appears twice");
            }
            out.add(l);
        }
        return List.copyOf(out);
    }
}
