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
}
