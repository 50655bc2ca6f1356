package dev.leakguard.examples.executor;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import dev.leakguard.examples.NamedThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * ExecutorNeverShutDown, leaking: a report is built on a pool created for the job and never shut down. The
 * pool's (non-daemon) workers stay parked waiting for work that never comes, and keep the JVM from exiting.
 * Clean twin: {@link ShutdownInFinally}.
 */
public final class NeverShutDownPool implements LeakExample {
  private ExecutorService pool;

  @Override
  public void run() throws Exception {
    System.out.println("report total " + buildReport());
  }

  int buildReport() throws Exception {
    pool = Executors.newFixedThreadPool(2, new NamedThreads("report-pool")); // flagged: never shut down
    List<Future<Integer>> parts = new ArrayList<>();
    for (int part = 1; part <= 4; part++) {
      int n = part;
      parts.add(pool.submit(() -> n * 10));
    }
    int total = 0;
    for (Future<Integer> future : parts) {
      total += future.get();
    }
    return total;
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.shutdownNowAndAwait(pool);
  }

  public static void main(String[] args) throws Exception {
    new NeverShutDownPool().run();
    System.out.println("run() returned; the JVM does not exit: report-pool's workers wait for work");
  }
}
