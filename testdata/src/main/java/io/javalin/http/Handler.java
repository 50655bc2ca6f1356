package io.javalin.http;

/** Stub of the Javalin type of the same name (only what LeakGuard's tests use). */
@FunctionalInterface
public interface Handler {
  void handle(Context ctx) throws Exception;
}
