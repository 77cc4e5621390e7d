package io.kerflux.streams;

import static io.kerflux.streams.TestSupport.block;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadersTest {

    @AfterEach
    void loaderThreadsAreGone() {
        TestSupport.awaitNoLoaderThreads();
    }

    @Test
    void runsTasksOnNamedDaemonThreads() {
        Loaders loaders = Loaders.create(3);
        CountDownLatch allRunning = new CountDownLatch(3);
        CountDownLatch done = new CountDownLatch(6);
        Set<String> names = ConcurrentHashMap.newKeySet();
        AtomicBoolean allDaemon = new AtomicBoolean(true);
        for (int i = 0; i < 6; i++) {
            loaders.execute(() -> {
                names.add(Thread.currentThread().getName());
                allDaemon.compareAndSet(true, Thread.currentThread().isDaemon());
                allRunning.countDown();
                block(allRunning);
                done.countDown();
            });
        }
        block(done);
        loaders.shutdown();

        assertThat(loaders.inline()).isFalse();
        assertThat(names).containsExactlyInAnyOrder("kerflux-loader-1", "kerflux-loader-2", "kerflux-loader-3");
        assertThat(allDaemon).isTrue();
    }

    @Test
    void withoutThreadsRunsTasksRightAwayOnTheCaller() {
        Loaders loaders = Loaders.create(0);
        List<String> ran = new ArrayList<>();
        loaders.execute(() -> ran.add(Thread.currentThread().getName()));

        assertThat(loaders.inline()).isTrue();
        assertThat(ran).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void shutdownLetsARunningTaskFinishWithoutInterruptingIt() {
        Loaders loaders = Loaders.create(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        loaders.execute(() -> {
            started.countDown();
            block(release);
            interrupted.set(Thread.currentThread().isInterrupted());
            finished.countDown();
        });
        block(started);
        loaders.shutdown();
        release.countDown();
        block(finished);

        assertThat(interrupted).isFalse();
    }
}
