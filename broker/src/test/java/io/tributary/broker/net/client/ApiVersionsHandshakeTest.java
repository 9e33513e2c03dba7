package io.tributary.broker.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.wire.ApiVersionRange;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiVersionsHandshakeTest {

    private static List<ApiVersionRange> apiVersions(int min, int max) {
        return List.of(new ApiVersionRange((short) 3, (short) 0, (short) 12),
                new ApiVersionRange(ApiVersionsCodec.API_KEY, (short) min, (short) max));
    }

    @Test
    void fallsBackToTheHighestVersionInThePeersRange() {
        assertThat(ApiVersionsHandshake.fallbackVersion(apiVersions(0, 2), (short) 4)).isEqualTo((short) 2);
    }

    @Test
    void fallsBackToV0WhenThePeerNamesNoApiVersionsRange() {
        assertThat(ApiVersionsHandshake.fallbackVersion(List.of(), (short) 4)).isEqualTo((short) 0);
    }

    @Test
    void givesUpWhenTheFallbackWouldNotBeLowerThanTheRefusedVersion() {
        assertThat(ApiVersionsHandshake.fallbackVersion(apiVersions(0, 4), (short) 4)).isEqualTo((short) -1);
        assertThat(ApiVersionsHandshake.fallbackVersion(List.of(), (short) 0)).isEqualTo((short) -1);
    }

    @Test
    void givesUpWhenTheRangesDoNotMeet() {
        assertThat(ApiVersionsHandshake.fallbackVersion(apiVersions(7, 9), (short) 4)).isEqualTo((short) -1);
    }

    @Test
    void theSoftwareFieldsAreValidUnderKip511() {
        assertThat(ApiVersionsHandshake.REQUEST.hasValidSoftwareFields()).isTrue();
    }
}
