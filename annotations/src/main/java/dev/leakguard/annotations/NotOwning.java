package dev.leakguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated reference borrows its object: someone else ends it. LeakGuard makes no ownership
 * demand on it, even where the class created the object itself (for instance a shared pool that a
 * container shuts down). LeakGuard also honours the Checker Framework's {@code
 * org.checkerframework.checker.mustcall.qual.NotOwning} by name.
 *
 * <pre>{@code
 * // Created here, but the framework closes every registered publisher on shutdown.
 * @NotOwning private final SubmissionPublisher<Sample> samples = new SubmissionPublisher<>();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.LOCAL_VARIABLE, ElementType.METHOD})
public @interface NotOwning {}
