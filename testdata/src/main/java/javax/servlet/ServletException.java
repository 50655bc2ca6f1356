package javax.servlet;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public class ServletException extends Exception {
  public ServletException() {}

  public ServletException(String message) {
    super(message);
  }
}
