package io.livetasks.task.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ViewerCountsTest {

    private static final ViewerCounts.Key ALICE_ON_1 = new ViewerCounts.Key(1, "alice");

    private final ViewerCounts counts = new ViewerCounts();

    @Test
    void shouldCallOnlyTheFirstAcquireOfAPairTheFirst() {
        assertThat(counts.acquire(ALICE_ON_1)).isTrue();
        assertThat(counts.acquire(ALICE_ON_1)).isFalse();
        assertThat(counts.acquire(new ViewerCounts.Key(2, "alice"))).as("another list").isTrue();
        assertThat(counts.acquire(new ViewerCounts.Key(1, "bob"))).as("another user").isTrue();
        assertThat(counts.size()).isEqualTo(3);
    }

    @Test
    void shouldCallOnlyTheLastReleaseOfAPairTheLast() {
        counts.acquire(ALICE_ON_1);
        counts.acquire(ALICE_ON_1);

        assertThat(counts.release(ALICE_ON_1)).isFalse();
        assertThat(counts.holds(ALICE_ON_1)).isTrue();
        assertThat(counts.release(ALICE_ON_1)).isTrue();
        assertThat(counts.holds(ALICE_ON_1)).isFalse();
    }

    @Test
    void shouldIgnoreAReleaseWithoutAnAcquire() {
        assertThat(counts.release(ALICE_ON_1)).isFalse();
        assertThat(counts.acquire(ALICE_ON_1)).as("the count did not go negative").isTrue();
    }

    @Test
    void shouldFindExactlyOneFirstAndOneLastAmongConcurrentStreams() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger firsts = new AtomicInteger();
        AtomicInteger lasts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        counts.acquire(ALICE_ON_1); // one stream stays open throughout: nobody else may be first or last
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        if (counts.acquire(ALICE_ON_1)) {
                            firsts.incrementAndGet();
                        }
                        if (counts.release(ALICE_ON_1)) {
                            lasts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : running) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(firsts).hasValue(0);
        assertThat(lasts).hasValue(0);
        assertThat(counts.release(ALICE_ON_1)).as("the one left open is the last").isTrue();
        assertThat(counts.size()).isZero();
    }

    @Test
    void shouldPairEveryFirstWithALastUnderContention() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger firsts = new AtomicInteger();
        AtomicInteger lasts = new AtomicInteger();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (counts.acquire(ALICE_ON_1)) {
                            firsts.incrementAndGet();
                        }
                        if (counts.release(ALICE_ON_1)) {
                            lasts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(firsts.get()).isPositive().isEqualTo(lasts.get());
        assertThat(counts.holds(ALICE_ON_1)).isFalse();
    }
}
