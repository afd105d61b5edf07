package io.tanhe.server.store;

/** How urgent an alert is. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
