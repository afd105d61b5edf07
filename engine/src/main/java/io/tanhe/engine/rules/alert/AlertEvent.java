package io.tanhe.engine.rules.alert;

/** One transition of one alert, with the alert's state after it. */
public record AlertEvent(Transition transition, Alert alert) {
}
