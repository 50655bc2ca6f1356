package io.grpc;

/** Stub of the gRPC type of the same name (only what LeakGuard's tests use). */
public final class ServerServiceDefinition {
  private ServerServiceDefinition() {}

  public static ServerServiceDefinition empty() {
    return new ServerServiceDefinition();
  }
}
