package jakarta.servlet;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface ServletResponse {
  java.io.PrintWriter getWriter() throws java.io.IOException;
}
