package javax.ws.rs.container;

import java.util.concurrent.TimeUnit;

/** Stub of the JAX-RS type of the same name (only what LeakGuard's tests use). */
public interface AsyncResponse {
  long NO_TIMEOUT = 0;

  boolean resume(Object response);

  boolean resume(Throwable response);

  boolean cancel();

  boolean isSuspended();

  boolean isDone();

  boolean setTimeout(long time, TimeUnit unit);
}
