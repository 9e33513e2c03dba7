package io.tributary.broker.metrics;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.tributary.broker.http.HttpReply;
import io.tributary.broker.http.HttpRoute;
import java.io.ByteArrayOutputStream;

/**
 * {@code GET /metrics}: a scrape of the node's registry, written by the client library in the format
 * the scraper asks for in {@code Accept} (Prometheus text by default, OpenMetrics when asked).
 */
public final class MetricsRoute implements HttpRoute {

    private final BrokerMetrics metrics;
    private final ExpositionFormats formats = ExpositionFormats.init();

    public MetricsRoute(BrokerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HttpReply handle(FullHttpRequest request) throws Exception {
        ExpositionFormatWriter writer = formats.findWriter(request.headers().get(HttpHeaderNames.ACCEPT));
        if (!writer.isAvailable()) {
            // The protobuf format needs a module we do not ship; text is what every scraper accepts.
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        writer.write(out, metrics.registry().scrape());
        return new HttpReply(HttpResponseStatus.OK, writer.getContentType(), out.toByteArray());
    }
}
