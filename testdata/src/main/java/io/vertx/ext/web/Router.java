package io.vertx.ext.web;

/** Stub of the Vert.x Web type of the same name (only what LeakGuard's tests use). */
public interface Router {
  Route get(String path);

  Route post(String path);
}
