package dev.leakguard.testdata.broken;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.util.concurrent.CompletableFuture;

/** Handlers with compile errors: the check must not crash. */
class HandlersInBrokenCode {
  static class Broken implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      // BUG: Diagnostic contains: cannot find symbol
      MissingExecutor pool = MissingExecutors.create();
      pool.submit(() -> {});
      // BUG: Diagnostic contains: cannot find symbol
      CompletableFuture.runAsync(this::missingMethod);
      // BUG: Diagnostic contains: cannot find symbol
      new Thread(unknownRunnable).start();
      // BUG: Diagnostic contains: cannot find symbol
      undefinedHelper();
    }
  }

  static class Resource {
    // BUG: Diagnostic contains: does not exist
    @javax.ws.rs.GET
    public void get() {
      CompletableFuture.runAsync(() -> {});
    }
  }
}
