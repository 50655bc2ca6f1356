package jakarta.servlet.http;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface HttpServletRequest extends jakarta.servlet.ServletRequest {
  String getParameter(String name);
}
