package dev.leakguard.testdata.handler;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;

/** What protoc's gRPC plugin generates for a Greeter service, cut down to what the tests use. */
public final class GreeterGrpc {
  private GreeterGrpc() {}

  /** Base class for the server implementation of the service Greeter. */
  public abstract static class GreeterImplBase implements BindableService {
    public void sayHello(String request, StreamObserver<String> responseObserver) {
      responseObserver.onError(new UnsupportedOperationException("sayHello"));
    }

    public StreamObserver<String> chat(StreamObserver<String> responseObserver) {
      throw new UnsupportedOperationException("chat");
    }

    @Override
    public final ServerServiceDefinition bindService() {
      return ServerServiceDefinition.empty();
    }
  }
}
