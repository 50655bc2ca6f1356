package javax.servlet.http;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface HttpServletRequest extends javax.servlet.ServletRequest {
  String getParameter(String name);
}
