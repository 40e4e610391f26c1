package io.crystalbus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FifoMapTest {

    @Test
    void forgetsTheOldestKeysFirst() {
        FifoMap<String, Integer> map = new FifoMap<>(3);
        for (int i = 1; i <= 5; i++) {
            assertThat(map.putIfAbsent("k" + i, i)).isTrue();
        }
        assertThat(map.size()).isEqualTo(3);
        assertThat(map.get("k1")).isNull();
        assertThat(map.get("k2")).isNull();
        assertThat(map.get("k5")).isEqualTo(5);
    }

    @Test
    void theNewestIdIsAlwaysRemembered() {
        ProcessedIds ids = new ProcessedIds(2);
        assertThat(ids.markNew("a")).isTrue();
        assertThat(ids.markNew("b")).isTrue();
        assertThat(ids.markNew("c")).isTrue();
        assertThat(ids.markNew("c")).isFalse();
        assertThat(ids.markNew("b")).isFalse();
        assertThat(ids.markNew("a")).isTrue(); // forgotten: the bound is documented
        assertThat(ids.size()).isEqualTo(2);
    }

    @Test
    void forgetReleasesAnId() {
        ProcessedIds ids = new ProcessedIds(10);
        ids.markNew("a");
        ids.forget("a");
        assertThat(ids.markNew("a")).isTrue();
        assertThat(ids.size()).isEqualTo(1);
    }

    @Test
    void aLargeMapRemembersAboutItsCapacityOfTheNewestKeys() {
        int capacity = FifoMap.STRIPES * 1024;
        FifoMap<String, Integer> map = new FifoMap<>(capacity);
        int total = capacity * 3;
        for (int i = 0; i < total; i++) {
            map.put("id-" + i, i);
        }
        // no stripe holds more than its share, and together they are full
        assertThat(map.size()).isBetween(capacity - FifoMap.STRIPES, capacity);
        // the newest 85% of the capacity is all there (a stripe's share varies by a few % at this size), and nothing older than twice the capacity
        for (int i = total - capacity * 85 / 100; i < total; i++) {
            assertThat(map.get("id-" + i)).as("id-%d", i).isEqualTo(i);
        }
        for (int i = 0; i < total - 2 * capacity; i++) {
            assertThat(map.get("id-" + i)).as("id-%d", i).isNull();
        }
        assertThat(map.remove("id-" + (total - 1))).isTrue();
        assertThat(map.putIfAbsent("id-" + (total - 1), 0)).isTrue();
    }
}
