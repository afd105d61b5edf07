package io.tanhe.engine.rules.alert;

/**
 * Receives every alert transition, in order, on the thread that fed the fact. Keep it short
 * (store or queue the event): the rules wait for it.
 */
@FunctionalInterface
public interface AlertListener {
    void onAlert(AlertEvent event);
}
