package io.grpc.stub;

/** Stub of the gRPC type of the same name (only what LeakGuard's tests use). */
public interface StreamObserver<V> {
  void onNext(V value);

  void onError(Throwable t);

  void onCompleted();
}
