package dev.leakguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated reference is responsible for ending the object it holds: a queue's consumers, an
 * executor, a timer, a publisher or a thread.
 *
 * <p>LeakGuard verifies that an owned object is ended on every path (shut down, cancelled, closed,
 * sent its poison pill), or handed on to another owner: returned, stored in an owning field, or
 * passed to an {@code @Owning} parameter.
 *
 * <p>Most code needs no annotation: a field the class creates is owned by the class, a field or
 * parameter received from outside is not, and a returned object passes ownership to the caller.
 * Use {@code @Owning} where the default is wrong, for instance a constructor parameter whose
 * executor the class takes over and must shut down.
 *
 * <p>On a method, the caller owns the returned object (like Error Prone's {@code @MustBeClosed}).
 * LeakGuard also honours the Checker Framework's {@code
 * org.checkerframework.checker.mustcall.qual.Owning} by name.
 *
 * <pre>{@code
 * final class Poller implements AutoCloseable {
 *   private final ScheduledExecutorService scheduler;
 *   Poller(@Owning ScheduledExecutorService scheduler) { this.scheduler = scheduler; }
 *   public void close() { scheduler.shutdownNow(); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.LOCAL_VARIABLE, ElementType.METHOD})
public @interface Owning {}
