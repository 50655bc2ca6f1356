package org.springframework.web.context.request.async;

/** Stub of the Spring type of the same name (only what LeakGuard's tests use). */
public class DeferredResult<T> {
  public DeferredResult() {}

  public DeferredResult(Long timeoutValue) {}

  public boolean setResult(T result) {
    return true;
  }

  public boolean setErrorResult(Object result) {
    return true;
  }

  public void onTimeout(Runnable callback) {}
}
