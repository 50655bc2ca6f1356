package dev.leakguard.testdata.handler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Paths through a handler: every path must end the task before it returns. */
class HandlersControlFlow {
  static void work() {}

  private final Object lock = new Object();

  /** An in-house handler type returning the request's async result (configured in the test). */
  @FunctionalInterface
  interface AsyncHandler {
    CompletionStage<String> handle(String request);
  }

  static class Flow implements HttpHandler {
    private final Object lock = new Object();

    @Override
    public void handle(HttpExchange exchange) {
      synchronized (lock) {
        Thread worker = new Thread(HandlersControlFlow::work);
        worker.start();
        worker.interrupt();
      }
      Future<?> inTry = CompletableFuture.runAsync(HandlersControlFlow::work);
      try (java.io.StringWriter unrelated = new java.io.StringWriter()) {
        unrelated.write("x");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      } finally {
        inTry.cancel(true);
      }
      Future<?> doWhile = CompletableFuture.runAsync(HandlersControlFlow::work);
      do {
        doWhile.cancel(true);
      } while (!doWhile.isDone());
      Future<?> thrown = CompletableFuture.runAsync(HandlersControlFlow::work);
      if (exchange == null) {
        throw new IllegalArgumentException("no exchange"); // an exception is not a return
      }
      thrown.cancel(true);
    }
  }

  static class LeakingFlow implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      outer:
      for (int i = 0; i < 3; i++) {
        // BUG: Diagnostic contains: LeakingFlow.handle
        Future<?> f = CompletableFuture.runAsync(HandlersControlFlow::work);
        if (i == 1) {
          return;
        }
        f.cancel(true);
      }
      try {
        work();
      } catch (RuntimeException e) {
        // BUG: Diagnostic contains: LeakingFlow.handle
        CompletableFuture.runAsync(HandlersControlFlow::work);
      }
      // BUG: Diagnostic contains: LeakingFlow.handle
      Future<?> switched = CompletableFuture.runAsync(HandlersControlFlow::work);
      switch (exchange.getRequestMethod()) {
        case "GET":
          switched.cancel(true);
          break;
        default:
          return;
      }
    }
  }

  static class Recursive implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      // BUG: Diagnostic contains: new Thread(..).start() in again()
      again(3);
    }

    private void again(int n) {
      if (n > 0) {
        again(n - 1);
      }
      new Thread(HandlersControlFlow::work).start();
    }
  }

  static class OtherObjectsAreNotFollowed implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      new Recursive().again(1); // another object's method: not followed
    }
  }

  static class PerElement implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      // BUG: Diagnostic contains: JDK HttpServer handler PerElement.handle starts the background task new Thread(..).start()
      List.of(1, 2).forEach(i -> new Thread(HandlersControlFlow::work).start());
      List.of(1, 2).stream().forEach(i -> {
        // BUG: Diagnostic contains: PerElement.handle
        Future<?> f = CompletableFuture.runAsync(HandlersControlFlow::work);
        if (i > 1) {
          return; // next element: f is left running
        }
        f.cancel(true);
      });
    }
  }

  static void inHouse(List<AsyncHandler> registry) {
    registry.add(request -> CompletableFuture.supplyAsync(() -> request));
    registry.add(request -> {
      // BUG: Diagnostic contains: handler lambda (AsyncHandler)
      CompletableFuture.runAsync(HandlersControlFlow::work);
      return CompletableFuture.completedFuture(request);
    });
  }
}
