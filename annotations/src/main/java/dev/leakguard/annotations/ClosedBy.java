package dev.leakguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the method of the enclosing class that ends the annotated queue, executor or publisher:
 * the one that posts the poison pill, interrupts the consumer, shuts the executor down or closes the
 * publisher.
 *
 * <p>LeakGuard checks (check {@code ClosedByMismatch}, an error) that the named method exists, takes
 * no arguments, and really ends the field, itself or through the methods of the class it calls: a
 * {@code put}/{@code offer}/{@code add} of a sentinel into it, an {@code interrupt()} of the consumer
 * (or {@code shutdownNow()} of its executor, {@code cancel(true)} of its task), or {@code
 * shutdown()}/{@code shutdownNow()}/{@code close()}/{@code closeExceptionally(..)} on it.
 *
 * <p>A drain loop over a {@code @ClosedBy} queue must have the matching exit (check {@code
 * QueueDrainWithoutExit}): when the method posts a sentinel, the loop must leave on that sentinel;
 * when it interrupts, an interrupt must leave the loop. In return, a single untimed {@code take()}
 * on a queue whose {@code @ClosedBy} method posts a sentinel is not reported as a wait without
 * timeout: it has a wake path.
 *
 * <pre>{@code
 * @ClosedBy("stop")
 * private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
 *
 * void run() throws InterruptedException {
 *   for (Job job = jobs.take(); job != Job.POISON; job = jobs.take()) {
 *     job.run();
 *   }
 * }
 *
 * void stop() { jobs.add(Job.POISON); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD})
public @interface ClosedBy {
  /** The simple name of a no-argument method of the enclosing class that ends the field. */
  String value();
}
