package demo;

import java.util.concurrent.BlockingQueue;

/** Takes orders off a queue. If the producer dies, take() parks this thread forever. */
public class OrderWorker {
  private final BlockingQueue<String> orders;

  public OrderWorker(BlockingQueue<String> orders) {
    this.orders = orders;
  }

  public String nextOrder() throws InterruptedException {
    return orders.take();
  }
}
