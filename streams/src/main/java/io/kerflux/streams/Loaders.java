package io.kerflux.streams;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The loader threads of one subscription: a fixed pool of daemon threads named {@code
 * kerflux-loader-N}, or none at all (loads then run inline on the calling thread).
 *
 * <p>A plain {@link ThreadPoolExecutor} rather than a Reactor {@code Scheduler}: disposing a
 * scheduler, or cancelling a task scheduled on it, interrupts the running task, and interrupting a
 * user's {@code Sequence.get} in the middle of a read closes any {@code FileChannel} it is reading
 * ({@code ClosedByInterruptException}), breaking the sequence for every later epoch and run. Here
 * {@link #shutdown()} lets running loads finish, and tasks that start afterwards see that they are
 * no longer wanted. The pool's single FIFO queue also keeps idle threads busy, where a bounded
 * elastic scheduler would pin a queued load behind a slow one.
 */
final class Loaders implements Executor {

    static final String THREAD_PREFIX = "kerflux-loader-";

    private final @Nullable ThreadPoolExecutor pool;

    private Loaders(@Nullable ThreadPoolExecutor pool) {
        this.pool = pool;
    }

    /**
     * Loader threads for one subscription, started lazily on the first task.
     *
     * @param threads the number of threads; 0 for inline loading
     * @return the loaders
     */
    static Loaders create(int threads) {
        if (threads == 0) {
            return new Loaders(null);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, THREAD_PREFIX + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        return new Loaders(pool);
    }

    /**
     * Whether loads run on the thread that asks for them instead of on loader threads.
     *
     * @return true when created with 0 threads
     */
    boolean inline() {
        return pool == null;
    }

    /**
     * Runs {@code task} on a loader thread, or right here when {@link #inline()}.
     *
     * @param task the load
     */
    @Override
    public void execute(Runnable task) {
        if (pool == null) {
            task.run();
        } else {
            pool.execute(task);
        }
    }

    /** Stops accepting tasks; running and queued ones finish, then the threads end. */
    void shutdown() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
