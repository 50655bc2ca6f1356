package org.springframework.web.servlet.mvc.method.annotation;

/** Stub of the Spring MVC type of the same name (only what LeakGuard's tests use). */
public class SseEmitter extends ResponseBodyEmitter {
  public SseEmitter() {}

  public SseEmitter(Long timeout) {
    super(timeout);
  }
}
