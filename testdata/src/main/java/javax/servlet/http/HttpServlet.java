package javax.servlet.http;

/** Stub of the Servlet API type of the same name (only what LeakGuard's tests use). */
public abstract class HttpServlet extends javax.servlet.GenericServlet {
  private static final long serialVersionUID = 1L;

  protected void doGet(HttpServletRequest req, HttpServletResponse resp)
      throws javax.servlet.ServletException, java.io.IOException {}

  protected void doPost(HttpServletRequest req, HttpServletResponse resp)
      throws javax.servlet.ServletException, java.io.IOException {}

  protected void doPut(HttpServletRequest req, HttpServletResponse resp)
      throws javax.servlet.ServletException, java.io.IOException {}

  protected void doDelete(HttpServletRequest req, HttpServletResponse resp)
      throws javax.servlet.ServletException, java.io.IOException {}

  protected void doHead(HttpServletRequest req, HttpServletResponse resp)
      throws javax.servlet.ServletException, java.io.IOException {}

  protected void doOptions(HttpServletRequest req, HttpServletResponse resp)
      throws javax.servlet.ServletException, java.io.IOException {}

  protected void service(HttpServletRequest req, HttpServletResponse resp)
      throws javax.servlet.ServletException, java.io.IOException {}

  @Override
  public void service(javax.servlet.ServletRequest req, javax.servlet.ServletResponse res)
      throws javax.servlet.ServletException, java.io.IOException {
    service((HttpServletRequest) req, (HttpServletResponse) res);
  }
}
