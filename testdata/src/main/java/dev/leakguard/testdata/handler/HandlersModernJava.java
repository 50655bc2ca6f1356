package dev.leakguard.testdata.handler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Records, switch expressions, lambdas, anonymous and local classes, generics. */
class HandlersModernJava {
  static void work() {}

  /** A record can be a handler. */
  record RecordHandler(String name) implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      // BUG: Diagnostic contains: JDK HttpServer handler RecordHandler.handle
      CompletableFuture.runAsync(HandlersModernJava::work);
    }
  }

  record AwaitingRecordHandler(String name) implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      CompletableFuture.runAsync(HandlersModernJava::work).orTimeout(1, TimeUnit.SECONDS).join();
    }
  }

  @RestController
  static class SwitchController {
    @GetMapping("/switch")
    public CompletionStage<String> switchHandsBack(int kind) {
      return switch (kind) {
        case 0 -> CompletableFuture.supplyAsync(() -> "zero");
        case 1 -> {
          CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> "one");
          yield f.thenApply(String::trim);
        }
        default -> CompletableFuture.completedFuture("other");
      };
    }

    @GetMapping("/switch-statement")
    public String switchStatementLeaks(int kind) {
      switch (kind) {
        case 0 -> {
          // BUG: Diagnostic contains: SwitchController.switchStatementLeaks
          CompletableFuture.runAsync(HandlersModernJava::work);
        }
        default -> {}
      }
      return "ok";
    }

    @GetMapping("/switch-expression-drops")
    public String switchExpressionDrops(int kind) {
      Object started =
          switch (kind) {
            // BUG: Diagnostic contains: SwitchController.switchExpressionDrops
            case 0 -> CompletableFuture.runAsync(HandlersModernJava::work).isDone();
            default -> "none";
          };
      return String.valueOf(started);
    }

    @GetMapping("/generic")
    public <T> CompletableFuture<T> generic(Supplier<T> supplier) {
      return CompletableFuture.supplyAsync(supplier);
    }

    @GetMapping("/generic-leak")
    public <T> T genericLeak(Supplier<T> supplier) {
      // BUG: Diagnostic contains: SwitchController.genericLeak
      CompletableFuture.supplyAsync(supplier);
      return null;
    }
  }

  static void anonymousAndLocal(HttpServer server) {
    server.createContext("/anon", new HttpHandler() {
      @Override
      public void handle(HttpExchange exchange) {
        // BUG: Diagnostic contains: JDK HttpServer handler anonymous HttpHandler.handle
        new Thread(HandlersModernJava::work).start();
      }
    });

    class LocalHandler implements HttpHandler {
      @Override
      public void handle(HttpExchange exchange) {
        // BUG: Diagnostic contains: JDK HttpServer handler LocalHandler.handle
        CompletableFuture.runAsync(HandlersModernJava::work);
      }
    }
    server.createContext("/local", new LocalHandler());

    server.createContext("/lambda-ok", exchange -> {
      Thread worker = new Thread(HandlersModernJava::work);
      worker.start();
      try {
        worker.join(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        worker.interrupt();
      }
    });

    // A lambda handler of a non-handler type (a Callable) is no handler.
    Callable<String> notAHandler = () -> {
      new Thread(HandlersModernJava::work).start();
      return "x";
    };
  }

  /** A static method reference registered as a handler. */
  static void register(HttpServer server) {
    server.createContext("/static-ref", HandlersModernJava::serve);
  }

  static void serve(HttpExchange exchange) {
    // BUG: Diagnostic contains: registered as HttpHandler
    CompletableFuture.runAsync(HandlersModernJava::work);
  }
}
