package demo;

import java.util.concurrent.BlockingQueue;

/** Takes orders off a queue; waiting forever is intended here, and the suppression says so. */
public class OrderWorker {
  private final BlockingQueue<String> orders;

  public OrderWorker(BlockingQueue<String> orders) {
    this.orders = orders;
  }

  @SuppressWarnings("BlockingCallWithoutTimeout") // the producer closes the queue with a poison pill
  public String nextOrder() throws InterruptedException {
    return orders.take();
  }
}
