package io.kerflux.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers shared by the adapter tests: tagged batches, bounded waits, loader-thread checks. */
final class TestSupport {

    /** Every StepVerifier in these tests fails instead of hanging past this. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private TestSupport() { }

    /**
     * A one-sample batch whose input is {@code id}, counting its closes.
     *
     * @param id the tag, read back by {@link #id(Batch)}
     * @param closes incremented on every close
     * @return the batch
     */
    static Batch batch(int id, AtomicInteger closes) {
        return new Batch(Nd4j.createFromArray(new double[] {id}), null, null, () -> { }, closes::incrementAndGet);
    }

    static int id(Batch batch) {
        return (int) batch.x().getDouble(0);
    }

    /** Waits, at most {@link #TIMEOUT}, for a condition that another thread makes true. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Blocks a loader thread until the test releases it; fails rather than hang. */
    static void block(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("loader interrupted", e);
        }
    }

    static List<String> loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(Loaders.THREAD_PREFIX))
                .toList();
    }

    /** Waits until every kerflux-loader thread of every subscription has ended. */
    static void awaitNoLoaderThreads() {
        await(() -> loaderThreads().isEmpty(), "no kerflux-loader thread alive");
        assertThat(loaderThreads()).isEmpty();
    }
}
