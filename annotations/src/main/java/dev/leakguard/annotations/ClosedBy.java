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
 * <p>LeakGuard checks that the named method exists, takes no arguments, and really ends the field
 * (a call such as {@code shutdownNow()}, {@code close()}, {@code interrupt()} or a {@code put}/{@code
 * offer} of a sentinel on it). A drain loop over a {@code @ClosedBy} queue must have the matching
 * exit.
 *
 * <pre>{@code
 * @ClosedBy("stop")
 * private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
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
