package jakarta.servlet;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public interface Filter {
  void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws java.io.IOException, ServletException;

  default void destroy() {}
}
