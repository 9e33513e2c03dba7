package io.tributary.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler whose tasks run only when the test says so, at the manual clock's time. */
final class ManualScheduler implements Scheduler {

    private record Task(String name, long dueMs, Runnable body) {
    }

    private final ManualTime time;
    private final List<Task> tasks = new ArrayList<>();

    ManualScheduler(ManualTime time) {
        this.time = time;
    }

    @Override
    public synchronized void schedule(String name, long delayMs, Runnable task) {
        tasks.add(new Task(name, time.milliseconds() + delayMs, task));
    }

    /** Runs every task due by now (including ones they schedule); returns how many ran. */
    int runDue() {
        int ran = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.dueMs <= time.milliseconds())
                        .min(Comparator.comparingLong(Task::dueMs)).orElse(null);
                if (next == null) {
                    return ran;
                }
                tasks.remove(next);
            }
            next.body.run();
            ran++;
        }
    }

    synchronized int pending(String namePrefix) {
        return (int) tasks.stream().filter(t -> t.name.startsWith(namePrefix)).count();
    }
}
