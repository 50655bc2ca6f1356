package canary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The runner's self-test: one obvious case per check, compiled before the corpus with exactly the
 * corpus flags. If an expected finding (expected.tsv) is missing, the pipeline is not reporting (for
 * example a javac flag that silences Error Prone) and the run fails rather than report a clean corpus.
 */
class Canary {
  void fireAndForget(Runnable task) {
    Executors.newSingleThreadExecutor().execute(task);
  }

  String fetch(java.util.concurrent.Callable<String> call) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    String result = pool.submit(call).get();
    pool.shutdown();
    return result;
  }

  void drain(BlockingQueue<String> queue) {
    new Thread(() -> {
      while (true) {
        try {
          System.out.println(queue.take());
        } catch (InterruptedException e) {
          // ignored: the loop never ends
        }
      }
    }).start();
  }

  static class Handler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      new Thread(() -> System.out.println("background")).start();
    }
  }
}
