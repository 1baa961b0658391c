package dev.seamline.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark's own cost of a run, from its task-end events: shuffle bytes written, task deserialization
 * time, tasks seen. Registered for one run's jobs; in a session shared with other work it counts theirs
 * too. Thread-safe (the listener bus calls it from its thread).
 */
final class JobMetrics extends SparkListener {

    private long shuffleBytes;
    private long deserializeMillis;
    private long runMillis;
    private int tasks;

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        tasks++;
        if (end.taskMetrics() != null) {
            shuffleBytes += end.taskMetrics().shuffleWriteMetrics().bytesWritten();
            deserializeMillis += end.taskMetrics().executorDeserializeTime();
            runMillis += end.taskMetrics().executorRunTime();
        }
        notifyAll();
    }

    /** Waits up to {@code millis} for {@code count} task ends (events arrive after the job returns). */
    synchronized void await(int count, long millis) {
        long until = System.currentTimeMillis() + millis;
        while (tasks < count && System.currentTimeMillis() < until) {
            try {
                wait(Math.max(1, until - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized long shuffleBytes() {
        return shuffleBytes;
    }

    synchronized double deserializeSeconds() {
        return deserializeMillis / 1e3;
    }

    synchronized double runSeconds() {
        return runMillis / 1e3;
    }
}
