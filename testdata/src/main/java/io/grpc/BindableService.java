package io.grpc;

/** Stub of the gRPC type of the same name (only what LeakGuard's tests use). */
public interface BindableService {
  ServerServiceDefinition bindService();
}
