package io.vertx.core;

/** Stub of the Vert.x type of the same name (only what LeakGuard's tests use). */
@FunctionalInterface
public interface Handler<E> {
  void handle(E event);
}
