package javax.servlet;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface Servlet {
  void service(ServletRequest req, ServletResponse res) throws ServletException, java.io.IOException;

  void destroy();
}
