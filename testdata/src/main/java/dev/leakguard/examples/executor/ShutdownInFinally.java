package dev.leakguard.examples.executor;

import dev.leakguard.examples.Cleanup;
import dev.leakguard.examples.LeakExample;
import dev.leakguard.examples.NamedThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * ExecutorNeverShutDown, clean twin of {@link NeverShutDownPool}: the same report, with the pool shut down
 * in {@code finally} (on JDK 19+ try-with-resources does the same, {@code ExecutorService} is
 * {@code AutoCloseable} there).
 */
public final class ShutdownInFinally implements LeakExample {
  private ExecutorService pool;

  @Override
  public void run() throws Exception {
    System.out.println("report total " + buildReport());
  }

  int buildReport() throws Exception {
    pool = Executors.newFixedThreadPool(2, new NamedThreads("report-pool"));
    try {
      List<Future<Integer>> parts = new ArrayList<>();
      for (int part = 1; part <= 4; part++) {
        int n = part;
        parts.add(pool.submit(() -> n * 10));
      }
      int total = 0;
      for (Future<Integer> future : parts) {
        total += future.get(10, TimeUnit.SECONDS);
      }
      return total;
    } finally {
      pool.shutdown(); // the tasks are done, so shutdown() ends the workers
    }
  }

  @Override
  public void close() throws InterruptedException {
    Cleanup.shutdownNowAndAwait(pool);
  }

  public static void main(String[] args) throws Exception {
    new ShutdownInFinally().run();
  }
}
