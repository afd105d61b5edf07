package io.tanhe.server.api;

import io.javalin.Javalin;

/**
 * More routes for an {@link ApiServer}, registered before it starts, each declaring its {@link RouteAccess}
 * (the guard refuses a route without one). {@link TerminalApi} adds the operator actions this way, so that
 * {@code ApiServer} itself reads a pipeline only through {@link PipelineStatus}.
 */
@FunctionalInterface
public interface ApiExtension {
    void register(Javalin app);
}
