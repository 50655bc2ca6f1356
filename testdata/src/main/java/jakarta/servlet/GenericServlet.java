package jakarta.servlet;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public abstract class GenericServlet implements Servlet, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  @Override
  public void destroy() {}

  @Override
  public abstract void service(ServletRequest req, ServletResponse res)
      throws ServletException, java.io.IOException;
}
