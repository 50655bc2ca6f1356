package demo;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Takes orders off a queue, and gives up after 30 seconds instead of hanging forever. */
public class OrderWorker {
  private final BlockingQueue<String> orders;

  public OrderWorker(BlockingQueue<String> orders) {
    this.orders = orders;
  }

  public String nextOrder() throws InterruptedException, TimeoutException {
    String order = orders.poll(30, TimeUnit.SECONDS);
    if (order == null) {
      throw new TimeoutException("no order within 30 seconds");
    }
    return order;
  }
}
