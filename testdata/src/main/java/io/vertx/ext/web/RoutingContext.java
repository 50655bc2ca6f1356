package io.vertx.ext.web;

/** Stub of the Vert.x Web type of the same name (only what LeakGuard's tests use). */
public interface RoutingContext {
  void next();

  void fail(int statusCode);

  void end(String chunk);
}
