package dev.leakguard.examples.handler;

import java.util.concurrent.CountDownLatch;

/**
 * A downstream audit service that accepts a record and never acknowledges it (it is down): waiting for its
 * acknowledgement without a bound waits forever, as on a socket with no read timeout.
 */
final class Upstream {
  private final CountDownLatch acknowledged = new CountDownLatch(1);

  /** Blocks until the audit record is acknowledged, which never happens. */
  void sendAndAwaitAck(String record) throws InterruptedException {
    acknowledged.await();
  }
}
