package org.springframework.web.context.request.async;

import java.util.concurrent.Callable;

/** Stub of the Spring type of the same name (only what LeakGuard's tests use). */
public class WebAsyncTask<V> {
  public WebAsyncTask(Callable<V> callable) {}

  public WebAsyncTask(long timeout, Callable<V> callable) {}
}
