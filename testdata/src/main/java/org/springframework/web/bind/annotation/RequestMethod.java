package org.springframework.web.bind.annotation;

/** Stub of the Spring type of the same name (only what LeakGuard's tests use). */
public enum RequestMethod {
  GET,
  HEAD,
  POST,
  PUT,
  PATCH,
  DELETE,
  OPTIONS,
  TRACE
}
