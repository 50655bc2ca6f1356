package org.springframework.web.servlet.mvc.method.annotation;

import java.io.IOException;

/** Stub of the Spring MVC type of the same name (only what LeakGuard's tests use). */
public class ResponseBodyEmitter {
  public ResponseBodyEmitter() {}

  public ResponseBodyEmitter(Long timeout) {}

  public void send(Object object) throws IOException {}

  public void complete() {}

  public void completeWithError(Throwable ex) {}
}
