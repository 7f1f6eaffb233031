package io.livetasks.task.feed;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An executor that runs what it was given only when the test says so: {@link #runAll()} what was executed,
 * {@link #runScheduled()} what was scheduled for later (whatever the delay). Nothing runs periodically.
 */
final class QueueingExecutor extends AbstractExecutorService implements ScheduledExecutorService {

    private final Deque<Runnable> queued = new ArrayDeque<>();
    private final Deque<Runnable> scheduled = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        queued.add(command);
    }

    /** Runs everything queued, including what the runs queue. */
    void runAll() {
        for (Runnable next = poll(); next != null; next = poll()) {
            next.run();
        }
    }

    /** Runs what was scheduled for later (once), then everything queued. */
    void runScheduled() {
        synchronized (this) {
            queued.addAll(scheduled);
            scheduled.clear();
        }
        runAll();
    }

    private synchronized Runnable poll() {
        return queued.poll();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        scheduled.add(command);
        return null;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
