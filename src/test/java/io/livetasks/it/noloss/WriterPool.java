package io.livetasks.it.noloss;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the writers share: the budget of row changes left, the task ids each list is believed to hold
 * (approximate: writers race, and a write to a task another writer deleted simply changes nothing), and
 * the counters of the summary.
 */
final class WriterPool {

    private final int total;
    private final AtomicInteger budget;
    private final long started;
    private final long pace;
    private final long deadline;
    private final ConcurrentHashMap<Long, Set<Long>> tasks = new ConcurrentHashMap<>();
    private final List<Long> lists;
    final AtomicLong changes = new AtomicLong();
    final AtomicLong apiWrites = new AtomicLong();
    final AtomicLong sqlTransactions = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    /**
     * @param spread   the changes are spread evenly over this long (the i-th is not claimed before
     *                 {@code start + i * spread / changes}), so that clients drop and resume throughout
     * @param deadline writers stop at this {@link System#nanoTime()} even with changes left
     */
    WriterPool(List<Long> lists, int changes, java.time.Duration spread, long deadline) {
        this.lists = lists;
        this.total = changes;
        this.budget = new AtomicInteger(changes);
        this.started = System.nanoTime();
        this.pace = spread.toNanos() / Math.max(1, changes);
        this.deadline = deadline;
        lists.forEach(list -> tasks.put(list, ConcurrentHashMap.newKeySet()));
    }

    /** Claims up to {@code rows} changes of the budget, waiting for their turn; 0 when the run is over. */
    int claim(int rows) throws InterruptedException {
        long due = started + (total - budget.get()) * pace;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing: the changes are spread over the write time
        }
        if (System.nanoTime() - deadline > 0) {
            return 0;
        }
        while (true) {
            int left = budget.get();
            if (left <= 0) {
                return 0;
            }
            int taken = Math.min(left, rows);
            if (budget.compareAndSet(left, left - taken)) {
                return taken;
            }
        }
    }

    long randomList(Random random) {
        return lists.get(random.nextInt(lists.size()));
    }

    /** A task id believed to be in the list, or -1. */
    long randomTask(long listId, Random random) {
        Long[] ids = tasks.get(listId).toArray(Long[]::new);
        return ids.length == 0 ? -1 : ids[random.nextInt(ids.length)];
    }

    void added(long listId, long taskId) {
        tasks.get(listId).add(taskId);
    }

    void removed(long listId, long taskId) {
        tasks.get(listId).remove(taskId);
    }
}
