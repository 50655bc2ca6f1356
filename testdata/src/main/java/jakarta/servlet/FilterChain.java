package jakarta.servlet;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface FilterChain {
  void doFilter(ServletRequest request, ServletResponse response)
      throws java.io.IOException, ServletException;
}
