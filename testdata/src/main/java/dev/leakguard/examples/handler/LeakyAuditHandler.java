package dev.leakguard.examples.handler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HandlerLeaksBackgroundTask, leaking: for every request the handler starts a thread that sends an audit
 * record, answers the client and returns; nothing awaits or cancels the audit thread. The audit service is
 * down, so every request leaves one thread behind: {@link #run()} serves {@value #REQUESTS} requests and
 * leaves {@value #REQUESTS} threads. Clean twin: {@link AwaitingAuditHandler}.
 */
public final class LeakyAuditHandler implements HttpHandler, LeakExample {
  public static final int REQUESTS = 200;

  private final Upstream audit = new Upstream();
  private final AtomicInteger requestCount = new AtomicInteger();
  /** Only for the cleanup hook: the handler itself keeps no handle on its threads. */
  private final List<Thread> startedForCleanup = new CopyOnWriteArrayList<>();

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String record = exchange.getRequestMethod() + " " + exchange.getRequestURI();
    Thread auditor = new Thread(() -> sendAudit(record), "audit-" + requestCount.incrementAndGet());
    startedForCleanup.add(auditor);
    auditor.start(); // flagged: started, never awaited or cancelled, and the handler returns
    byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  void sendAudit(String record) {
    try {
      audit.sendAndAwaitAck(record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() throws IOException {
    for (int i = 0; i < REQUESTS; i++) {
      handle(new FakeExchange("POST", "/orders/" + i, "{}"));
    }
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.interruptAndJoin(startedForCleanup);
  }

  public static void main(String[] args) throws Exception {
    new LeakyAuditHandler().run();
    System.out.println(REQUESTS + " requests served; the JVM does not exit: " + REQUESTS + " audit threads wait");
  }
}
