package org.springframework.web.servlet.mvc.method.annotation;

import java.io.IOException;
import java.io.OutputStream;

/** Stub of the Spring MVC type of the same name (only what LeakGuard's tests use). */
@FunctionalInterface
public interface StreamingResponseBody {
  void writeTo(OutputStream outputStream) throws IOException;
}
