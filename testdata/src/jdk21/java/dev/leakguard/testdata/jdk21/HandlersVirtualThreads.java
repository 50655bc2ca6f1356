package dev.leakguard.testdata.jdk21;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Virtual-thread starts in request handlers (JDK 21+). */
class HandlersVirtualThreads {
  static void work() {}

  static class Flagged implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      // BUG: Diagnostic contains: Thread.startVirtualThread(..)
      Thread.startVirtualThread(HandlersVirtualThreads::work);
      // BUG: Diagnostic contains: Thread.ofVirtual().start(..)
      Thread.ofVirtual().start(HandlersVirtualThreads::work);
      // BUG: Diagnostic contains: Thread.ofPlatform().daemon().start(..)
      Thread.ofPlatform().daemon().start(HandlersVirtualThreads::work);
      Thread.Builder builder = Thread.ofVirtual().name("worker");
      // BUG: Diagnostic contains: builder.start(..)
      builder.start(HandlersVirtualThreads::work);
      ExecutorService perRequest = Executors.newVirtualThreadPerTaskExecutor();
      // BUG: Diagnostic contains: perRequest.submit(..)
      perRequest.submit(HandlersVirtualThreads::work);
    }
  }

  static class Clean implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      Thread virtual = Thread.ofVirtual().start(HandlersVirtualThreads::work);
      try {
        virtual.join(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        virtual.interrupt();
      }
      try (ExecutorService perRequest = Executors.newVirtualThreadPerTaskExecutor()) {
        perRequest.submit(HandlersVirtualThreads::work); // close() waits for it
      }
      Thread unstarted = Thread.ofVirtual().unstarted(HandlersVirtualThreads::work);
      unstarted.start();
      unstarted.interrupt();
    }
  }

  /** Pattern matching in switch: the started task is awaited in one arm, returned in the other. */
  sealed interface Job permits Quick, Slow {}

  record Quick() implements Job {}

  record Slow(long seconds) implements Job {}

  static class PatternServlet extends javax.servlet.http.HttpServlet {
    @Override
    protected void doGet(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      Job job = req.getParameter("slow") == null ? new Quick() : new Slow(1);
      Future<?> f = Executors.newVirtualThreadPerTaskExecutor().submit(HandlersVirtualThreads::work);
      switch (job) {
        case Quick q -> f.cancel(true);
        case Slow s -> {
          try {
            f.get(s.seconds(), TimeUnit.SECONDS);
          } catch (Exception e) {
            f.cancel(true);
          }
        }
      }
    }

    @Override
    protected void doPost(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      Job job = new Quick();
      String started =
          switch (job) {
            // BUG: Diagnostic contains: PatternServlet.doPost
            case Quick q -> CompletableFuture.runAsync(HandlersVirtualThreads::work).isDone() ? "done" : "running";
            case Slow s -> "slow";
          };
    }
  }
}
