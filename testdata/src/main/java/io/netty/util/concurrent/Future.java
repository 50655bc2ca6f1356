package io.netty.util.concurrent;

/** Test stub of Netty's future: the members LeakGuard's tests use, same names and signatures. */
public interface Future<V> extends java.util.concurrent.Future<V> {
  boolean isSuccess();

  Future<V> addListener(GenericFutureListener<? extends Future<? super V>> listener);

  Future<V> await() throws InterruptedException;

  boolean await(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException;

  V getNow();
}
