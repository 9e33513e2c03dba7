package io.tributary.broker.handler.fetch.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.wire.api.fetch.FetchRequest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FetchSessionCacheTest {

    private static final long IDLE_MS = 1_000;

    private final FetchSessionCache cache = new FetchSessionCache(3, IDLE_MS, new SplittableRandom(42));

    private static LinkedHashMap<PartitionKey, CachedPartition> onePartition() {
        LinkedHashMap<PartitionKey, CachedPartition> m = new LinkedHashMap<>();
        m.put(new PartitionKey(null, "t", 0), new CachedPartition(new FetchRequest.Partition(0, -1, 0, -1, -1, 1024)));
        return m;
    }

    private FetchSession consumer(long nowMs) {
        return cache.create(false, false, onePartition(), nowMs);
    }

    private FetchSession follower(long nowMs) {
        return cache.create(true, false, onePartition(), nowMs);
    }

    @Test
    void idsArePositiveAndUnique() {
        FetchSessionCache big = new FetchSessionCache(500, IDLE_MS, new SplittableRandom(1));
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            FetchSession s = big.create(false, false, onePartition(), 0);
            assertThat(s.id()).isPositive();
            ids.add(s.id());
        }
        assertThat(ids).hasSize(500);
        assertThat(big.size()).isEqualTo(500);
        assertThat(big.create(false, false, onePartition(), 0)).as("full, nothing idle").isNull();
    }

    @Test
    void aFullCacheRefusesANewConsumerSessionWhileEveryOneIsInUse() {
        FetchSession a = consumer(0);
        consumer(10);
        consumer(20);
        assertThat(consumer(IDLE_MS - 1)).isNull();
        assertThat(cache.sessionsRefused()).isEqualTo(1);
        assertThat(cache.get(a.id())).isSameAs(a);
    }

    @Test
    void theLeastRecentlyUsedIdleSessionMakesRoom() {
        FetchSession a = consumer(0);
        FetchSession b = consumer(10);
        FetchSession c = consumer(20);
        cache.touch(a, 500);
        // At 1015, b (last used at 10) has been idle 1005 ms; a, used at 500, only 515 ms.
        FetchSession d = consumer(1015);
        assertThat(d).isNotNull();
        assertThat(cache.get(b.id())).as("least recently used and idle").isNull();
        assertThat(cache.get(a.id())).isSameAs(a);
        assertThat(cache.get(c.id())).isSameAs(c);
        assertThat(cache.sessionsEvicted()).isEqualTo(1);
        assertThat(cache.idsByRecency()).containsExactly(c.id(), a.id(), d.id());
    }

    @Test
    void aFollowerTakesTheSlotOfTheLeastRecentlyUsedConsumer() {
        FetchSession f1 = follower(0);
        FetchSession c1 = consumer(10);
        FetchSession c2 = consumer(20);
        FetchSession f2 = follower(30);
        assertThat(f2).isNotNull();
        assertThat(cache.get(c1.id())).isNull();
        assertThat(cache.get(f1.id())).isSameAs(f1);
        assertThat(cache.get(c2.id())).isSameAs(c2);
        FetchSession f3 = follower(40);
        assertThat(f3).isNotNull();
        assertThat(cache.get(c2.id())).isNull();
        assertThat(follower(50)).as("only followers left, none idle").isNull();
        assertThat(consumer(60)).isNull();
        assertThat(cache.idsByRecency()).containsExactly(f1.id(), f2.id(), f3.id());
    }

    @Test
    void removingFreesTheSlot() {
        FetchSession a = consumer(0);
        consumer(0);
        consumer(0);
        assertThat(cache.remove(a.id())).isTrue();
        assertThat(cache.remove(a.id())).isFalse();
        assertThat(consumer(1)).isNotNull();
        assertThat(cache.sessionsCreated()).isEqualTo(4);
    }

    @Test
    void touchingARemovedSessionDoesNotBringItBack() {
        FetchSession a = consumer(0);
        cache.remove(a.id());
        cache.touch(a, 5);
        assertThat(cache.size()).isZero();
    }

    @Test
    void zeroSlotsMeansNoSessions() {
        FetchSessionCache none = new FetchSessionCache(0, IDLE_MS, new SplittableRandom(1));
        assertThat(none.create(true, false, onePartition(), 0)).isNull();
        assertThat(none.size()).isZero();
    }
}
