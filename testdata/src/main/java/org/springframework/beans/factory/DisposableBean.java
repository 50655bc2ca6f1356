package org.springframework.beans.factory;

/** Stub of Spring's interface, with its real name. */
public interface DisposableBean {
  void destroy() throws Exception;
}
