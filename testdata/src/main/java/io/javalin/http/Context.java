package io.javalin.http;

/** Stub of the Javalin type of the same name (only what LeakGuard's tests use). */
public interface Context {
  Context result(String resultString);

  String pathParam(String key);
}
