package io.tanhe.server.evaluation;

import java.time.Duration;

/**
 * The thread of one of the running terminal's background jobs (the recompute of closed days, the
 * measurement method's hours): a low-priority daemon that runs the job's loop, which {@linkplain #pause
 * pauses} between steps and ends when {@linkplain #closed closed}. Closing wakes a pause at once and
 * waits for the step in progress to end, without interrupting it (Derby closes a connection whose
 * thread is interrupted).
 */
public final class BackgroundThread {
    private final Thread thread;
    private final Object wakeUp = new Object();
    private volatile boolean closed;

    /** A thread named {@code name} that will run {@code loop}; not started. */
    public BackgroundThread(String name, Runnable loop) {
        this.thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    public void start() {
        thread.start();
    }

    /** True once {@link #close} was called (or a pause was interrupted): the loop should end. */
    public boolean closed() {
        return closed;
    }

    /** Waits {@code d} (at least a millisecond), less when closed meanwhile; not at all when closed already. */
    public void pause(Duration d) {
        synchronized (wakeUp) {
            if (!closed) {
                try {
                    wakeUp.wait(Math.max(1, d.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    /**
     * Ends the loop: wakes its pause and waits up to {@code within} for the step in progress.
     *
     * @return false when the thread is still running after {@code within}
     */
    public boolean close(Duration within) {
        closed = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        try {
            thread.join(within.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
