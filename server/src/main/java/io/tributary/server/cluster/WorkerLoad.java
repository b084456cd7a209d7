package io.tributary.server.cluster;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerResourceUsage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The node's {@code cpuLoad} for its record: the mean busy share (0..1) of its media worker threads over the last
 * sampling period, from their CPU time. Not the process' CPU: control work and other processes on the box are not
 * the node's media load.
 */
final class WorkerLoad {

    static final long PERIOD_MS = 2000;

    private final Vertx vertx;
    private final List<Worker> workers;
    private long timer = -1;
    private long lastCpuMs = -1;
    private long lastAtNanos;
    private volatile double load;

    WorkerLoad(Vertx vertx, List<Worker> workers) {
        this.vertx = vertx;
        this.workers = List.copyOf(workers);
    }

    void start() {
        sample();
        timer = vertx.setPeriodic(PERIOD_MS, t -> sample());
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    double load() {
        return load;
    }

    private void sample() {
        Future.all(workers.stream().map(Worker::getResourceUsage).toList()).onSuccess(all -> {
            long cpuMs = 0;
            for (int i = 0; i < all.size(); i++) {
                WorkerResourceUsage usage = all.resultAt(i);
                cpuMs += usage.ru_utime() + usage.ru_stime();
            }
            long now = System.nanoTime();
            if (lastCpuMs >= 0 && now > lastAtNanos) {
                double wallMs = (now - lastAtNanos) / 1e6;
                load = Math.min(1.0, Math.max(0.0, (cpuMs - lastCpuMs) / wallMs / workers.size()));
            }
            lastCpuMs = cpuMs;
            lastAtNanos = now;
        });
    }
}
