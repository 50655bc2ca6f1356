package dev.leakguard.testdata.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * In-house handlers, configured by option: {@code HandlerAnnotations=...CustomHandlers.Endpoint}
 * and {@code HandlerSupertypes=...CustomHandlers.CommandHandler#handle,...CustomHandlers.Rpc#get|post}.
 */
class CustomHandlers {
  static void work() {}

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Endpoint {}

  @FunctionalInterface
  interface CommandHandler {
    void handle(String command);
  }

  interface Rpc {
    String get(String key);

    String post(String key);

    String describe(String key);
  }

  static class Annotated {
    @Endpoint
    public String call() {
      // BUG: Diagnostic contains: Request handler Annotated.call (@Endpoint)
      new Thread(CustomHandlers::work).start();
      return "ok";
    }

    public String notAnEndpoint() {
      new Thread(CustomHandlers::work).start();
      return "ok";
    }
  }

  static class Command implements CommandHandler {
    @Override
    public void handle(String command) {
      // BUG: Diagnostic contains: Command.handle
      CompletableFuture.runAsync(CustomHandlers::work);
    }
  }

  static void register(List<CommandHandler> registry) {
    registry.add(command -> {
      // BUG: Diagnostic contains: handler lambda (CommandHandler)
      new Thread(CustomHandlers::work).start();
    });
  }

  static class RpcService implements Rpc {
    @Override
    public String get(String key) {
      // BUG: Diagnostic contains: RpcService.get
      CompletableFuture.runAsync(CustomHandlers::work);
      return key;
    }

    @Override
    public String post(String key) {
      // BUG: Diagnostic contains: RpcService.post
      new Thread(CustomHandlers::work).start();
      return key;
    }

    @Override
    public String describe(String key) {
      new Thread(CustomHandlers::work).start(); // not one of the configured handler methods
      return key;
    }
  }
}
