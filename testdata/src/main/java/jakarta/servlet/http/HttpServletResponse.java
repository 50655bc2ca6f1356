package jakarta.servlet.http;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface HttpServletResponse extends jakarta.servlet.ServletResponse {
  void setStatus(int sc);
}
