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
 * HandlerLeaksBackgroundTask, clean twin of {@link LeakyAuditHandler}: the handler waits a bounded time for
 * the audit thread and interrupts it in {@code finally}, so the thread ends before the request does (the
 * response says whether the audit was acknowledged).
 */
public final class AwaitingAuditHandler implements HttpHandler, LeakExample {
  static final int REQUESTS = 20;
  static final long AUDIT_WAIT_MILLIS = 5;

  private final Upstream audit = new Upstream();
  private final AtomicInteger requestCount = new AtomicInteger();
  private final List<Thread> startedForCleanup = new CopyOnWriteArrayList<>();

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String record = exchange.getRequestMethod() + " " + exchange.getRequestURI();
    Thread auditor = new Thread(() -> sendAudit(record), "audit-" + requestCount.incrementAndGet());
    startedForCleanup.add(auditor);
    auditor.start();
    boolean audited;
    try {
      auditor.join(AUDIT_WAIT_MILLIS);
      audited = !auditor.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      audited = false;
    } finally {
      auditor.interrupt(); // cancelled: the audit does not outlive the request
    }
    byte[] body = (audited ? "ok" : "ok (audit pending)").getBytes(StandardCharsets.UTF_8);
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
    new AwaitingAuditHandler().run();
  }
}
