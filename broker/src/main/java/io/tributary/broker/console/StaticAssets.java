package io.tributary.broker.console;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.broker.http.HttpReply;
import io.tributary.broker.http.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's page, served from the broker jar's {@code console/} resources: {@code /} is
 * {@code index.html}, {@code /console/NAME} is the file NAME. Names are plain ({@code [a-z0-9-]+}
 * and a known extension), so no path can reach another resource; files are read once and kept (a
 * few tens of kilobytes in all).
 */
final class StaticAssets implements HttpRoute {

    static final String PREFIX = "/console/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Override
    public HttpReply handle(FullHttpRequest request) throws IOException {
        String path = new QueryStringDecoder(request.uri()).path();
        String name = path.equals("/") ? "index.html" : path.substring(PREFIX.length());
        if (!NAME.matcher(name).matches()) {
            return HttpReply.text(HttpResponseStatus.NOT_FOUND, "no such console file: " + path);
        }
        byte[] body = cache.get(name);
        if (body == null) {
            try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("console/" + name)) {
                if (in == null) {
                    return HttpReply.text(HttpResponseStatus.NOT_FOUND, "no such console file: " + path);
                }
                body = in.readAllBytes();
            }
            cache.put(name, body);
        }
        return new HttpReply(HttpResponseStatus.OK, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }
}
