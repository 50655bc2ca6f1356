package io.netty.util.concurrent;

/** Test stub of Netty's listener: called once the future is complete. */
public interface GenericFutureListener<F extends Future<?>> extends java.util.EventListener {
  void operationComplete(F future) throws Exception;
}
