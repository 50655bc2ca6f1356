package javax.servlet.http;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface HttpServletResponse extends javax.servlet.ServletResponse {
  void setStatus(int sc);
}
