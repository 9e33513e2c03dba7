package io.tributary.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpRouterTest {

    private static final HttpRoute A = r -> null;
    private static final HttpRoute B = r -> null;
    private static final HttpRoute C = r -> null;

    @Test
    void exactPathsWinThenTheLongestPrefix() {
        HttpRouter router = new HttpRouter().exact("/metrics", A).prefix("/console/", B).prefix("/console/api/", C);
        assertThat(router.find("/metrics")).containsSame(A);
        assertThat(router.find("/metrics/x")).isEmpty();
        assertThat(router.find("/console/index.html")).containsSame(B);
        assertThat(router.find("/console/api/brokers")).containsSame(C);
        assertThat(router.find("/console/b")).containsSame(B);
        assertThat(router.find("/consol")).isEmpty();
        assertThat(router.find("/")).isEmpty();
        assertThat(router.paths()).as("a path under a listed prefix is not listed again").isEqualTo("/metrics, /console/*");
    }

    @Test
    void badRoutesAreRefused() {
        HttpRouter router = new HttpRouter().exact("/metrics", A);
        assertThatThrownBy(() -> router.exact("/metrics", B)).hasMessageContaining("has a route already");
        assertThatThrownBy(() -> router.exact("metrics", B)).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> router.prefix("/console", B)).hasMessageContaining("ends with '/'");
    }
}
