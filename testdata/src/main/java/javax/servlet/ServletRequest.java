package javax.servlet;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface ServletRequest {
  AsyncContext startAsync() throws IllegalStateException;

  Object getAttribute(String name);
}
