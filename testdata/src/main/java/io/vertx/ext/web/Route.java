package io.vertx.ext.web;

import io.vertx.core.Handler;

/** Stub of the Vert.x Web type of the same name (only what LeakGuard's tests use). */
public interface Route {
  Route handler(Handler<RoutingContext> requestHandler);
}
