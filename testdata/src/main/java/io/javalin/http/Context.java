package io.javalin.http;

/** Stub of the Javalin type of the same name (only what LeakGuard's tests use). */
public interface Context {
  Context result(String resultString);

  String pathParam(String key);

  void future(java.util.function.Supplier<? extends java.util.concurrent.CompletableFuture<?>> future);
}
