package io.tributary.broker.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the route for a path: an exact path first ({@code /metrics}), then the longest registered
 * prefix ending in {@code /} (the console's static files under {@code /console/}, its JSON under
 * {@code /api/}). Filled before the listener binds, read-only afterwards.
 */
public final class HttpRouter {

    private final Map<String, HttpRoute> exact = new LinkedHashMap<>();
    private final TreeMap<String, HttpRoute> prefixes = new TreeMap<>();

    /** Serves exactly {@code path}, which starts with {@code /}. */
    public HttpRouter exact(String path, HttpRoute route) {
        checkPath(path);
        if (exact.putIfAbsent(path, route) != null) {
            throw new IllegalArgumentException("path " + path + " has a route already");
        }
        return this;
    }

    /** Serves every path under {@code prefix}, which starts and ends with {@code /}. */
    public HttpRouter prefix(String prefix, HttpRoute route) {
        checkPath(prefix);
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a route prefix ends with '/': " + prefix);
        }
        if (prefixes.putIfAbsent(prefix, route) != null) {
            throw new IllegalArgumentException("prefix " + prefix + " has a route already");
        }
        return this;
    }

    /** The route for {@code path} (no query string), if any. */
    public Optional<HttpRoute> find(String path) {
        HttpRoute r = exact.get(path);
        if (r != null) {
            return Optional.of(r);
        }
        // Longest prefix first: floorKey walks down from the path itself.
        String key = prefixes.floorKey(path);
        while (key != null) {
            if (path.startsWith(key)) {
                return Optional.of(prefixes.get(key));
            }
            key = prefixes.lowerKey(key);
        }
        return Optional.empty();
    }

    /**
     * The exact paths, then the prefixes as {@code /prefix/*}, for the 404 line that tells a lost operator
     * where to look; a path under a prefix already listed is left out.
     */
    public String paths() {
        List<String> all = new ArrayList<>();
        exact.keySet().stream().filter(p -> !underAnotherPrefix(p)).forEach(all::add);
        prefixes.keySet().stream().filter(p -> !underAnotherPrefix(p)).forEach(p -> all.add(p + "*"));
        return String.join(", ", all);
    }

    private boolean underAnotherPrefix(String path) {
        return prefixes.keySet().stream().anyMatch(p -> !p.equals(path) && path.startsWith(p));
    }

    private static void checkPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with '/': " + path);
        }
    }
}
