package javax.servlet;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface AsyncContext {
  ServletRequest getRequest();

  ServletResponse getResponse();

  void dispatch();

  void complete();

  void start(Runnable run);

  void setTimeout(long timeout);

  long getTimeout();
}
