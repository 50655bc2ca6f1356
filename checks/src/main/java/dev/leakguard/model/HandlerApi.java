package dev.leakguard.model;

import java.util.List;
import java.util.Set;

/**
 * Request handlers as data: which methods and lambdas are request handlers in each framework (by
 * name — no framework is on LeakGuard's classpath), and how a task hands its work back to the
 * framework (an asynchronous result, a completion object). Nothing else in LeakGuard names these
 * types or methods. The tasks a handler can start are {@link ExecutorApi#TASK_STARTS}.
 */
public final class HandlerApi {
  private HandlerApi() {}

  /**
   * A handler defined by overriding: methods named {@code methodNames} of classes that extend or
   * implement {@code supertype}, and lambdas/method references typed as {@code supertype} when it is
   * a functional interface.
   *
   * @param framework how messages name the framework
   * @param supertype the fully qualified supertype
   * @param methodNames the handler methods
   * @param firstParameterType the erased type of the first parameter, or null for any (Vert.x's
   *     {@code Handler<E>} is a request handler only for {@code E = RoutingContext})
   */
  public record HandlerSupertype(
      String framework, String supertype, Set<String> methodNames, String firstParameterType) {
    public HandlerSupertype {
      methodNames = Set.copyOf(methodNames);
    }
  }

  private static final Set<String> SERVLET_METHODS =
      Set.of("doGet", "doPost", "doPut", "doDelete", "doHead", "doOptions", "doPatch", "service");

  /** Handlers by supertype and method name. */
  public static final List<HandlerSupertype> HANDLER_SUPERTYPES =
      List.of(
          new HandlerSupertype("Servlet", "javax.servlet.http.HttpServlet", SERVLET_METHODS, null),
          new HandlerSupertype("Servlet", "jakarta.servlet.http.HttpServlet", SERVLET_METHODS, null),
          new HandlerSupertype("Servlet filter", "javax.servlet.Filter", Set.of("doFilter"), null),
          new HandlerSupertype("Servlet filter", "jakarta.servlet.Filter", Set.of("doFilter"), null),
          new HandlerSupertype("JDK HttpServer", "com.sun.net.httpserver.HttpHandler", Set.of("handle"), null),
          new HandlerSupertype(
              "Netty", "io.netty.channel.ChannelInboundHandler", Set.of("channelRead"), null),
          new HandlerSupertype(
              "Netty", "io.netty.channel.SimpleChannelInboundHandler", Set.of("channelRead0"), null),
          new HandlerSupertype(
              "Vert.x", "io.vertx.core.Handler", Set.of("handle"), "io.vertx.ext.web.RoutingContext"),
          new HandlerSupertype("Javalin", "io.javalin.http.Handler", Set.of("handle"), null));

  /** Annotations that make a method a request handler on their own (JAX-RS, Micronaut). */
  public static final Set<String> HANDLER_METHOD_ANNOTATIONS =
      Set.of(
          "javax.ws.rs.GET", "javax.ws.rs.POST", "javax.ws.rs.PUT", "javax.ws.rs.DELETE",
          "javax.ws.rs.PATCH", "javax.ws.rs.HEAD", "javax.ws.rs.OPTIONS",
          "jakarta.ws.rs.GET", "jakarta.ws.rs.POST", "jakarta.ws.rs.PUT", "jakarta.ws.rs.DELETE",
          "jakarta.ws.rs.PATCH", "jakarta.ws.rs.HEAD", "jakarta.ws.rs.OPTIONS",
          "io.micronaut.http.annotation.Get", "io.micronaut.http.annotation.Post",
          "io.micronaut.http.annotation.Put", "io.micronaut.http.annotation.Delete",
          "io.micronaut.http.annotation.Patch", "io.micronaut.http.annotation.Head",
          "io.micronaut.http.annotation.Options");

  /**
   * Spring's mapping annotation; its composed variants ({@code @GetMapping}, ...) carry it as a
   * meta-annotation. A mapped method is a handler only in a controller class.
   */
  public static final String SPRING_REQUEST_MAPPING =
      "org.springframework.web.bind.annotation.RequestMapping";

  /** Spring's controller stereotype; {@code @RestController} carries it as a meta-annotation. */
  public static final String SPRING_CONTROLLER = "org.springframework.stereotype.Controller";

  /** gRPC: service classes implement this (generated {@code *ImplBase} classes do). */
  public static final String GRPC_BINDABLE_SERVICE = "io.grpc.BindableService";

  /** gRPC: generated service base classes end with this. */
  public static final String GRPC_IMPL_BASE_SUFFIX = "ImplBase";

  /** gRPC: a service method takes (or returns) the response observer. */
  public static final String GRPC_STREAM_OBSERVER = "io.grpc.stub.StreamObserver";

  /**
   * Calls whose callback runs once per element before they return: a task started in one is
   * started by the handler ({@code items.forEach(i -> new Thread(..).start())}).
   */
  public static final Set<String> INLINE_CALLBACK_METHODS = Set.of("forEach", "forEachOrdered");

  // --- Handing back ---------------------------------------------------------------------------
  // Which calls start a task, and which end it, are ExecutorApi's (TASK_STARTS, AWAIT_METHODS,
  // CANCEL_METHODS) and FutureApi's (TIMEOUT_BOUNDS, DERIVING_METHODS).

  /**
   * Types a handler can return as the request's asynchronous result: the framework waits for it,
   * applies its timeout and cancels it when the client goes away.
   */
  public static final Set<String> ASYNC_RESULT_TYPES =
      Set.of(
          TypeNames.COMPLETION_STAGE,
          TypeNames.FUTURE,
          TypeNames.LISTENABLE_FUTURE,
          "org.springframework.web.context.request.async.DeferredResult",
          "org.springframework.web.context.request.async.WebAsyncTask",
          // SseEmitter and other streaming responses: held until the task completes them or the
          // request's async timeout ends it.
          "org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter",
          "java.util.concurrent.Callable",
          "reactor.core.publisher.Mono",
          "reactor.core.publisher.Flux");

  /**
   * Objects through which a task can finish the request itself, and what makes that safe.
   *
   * @param type the fully qualified type
   * @param finishMethods calls by the task that finish the request (empty: any use)
   * @param timeoutMethods calls by the handler that give the request a timeout (empty: none needed);
   *     their first argument is the timeout, and a constant zero or less means none (Servlet's
   *     {@code setTimeout(0)}, JAX-RS's {@code NO_TIMEOUT})
   */
  public record AsyncCompletion(String type, Set<String> finishMethods, Set<String> timeoutMethods) {
    public AsyncCompletion {
      finishMethods = Set.copyOf(finishMethods);
      timeoutMethods = Set.copyOf(timeoutMethods);
    }
  }

  public static final List<AsyncCompletion> ASYNC_COMPLETIONS =
      List.of(
          new AsyncCompletion("javax.ws.rs.container.AsyncResponse", Set.of("resume", "cancel"), Set.of("setTimeout")),
          new AsyncCompletion("jakarta.ws.rs.container.AsyncResponse", Set.of("resume", "cancel"), Set.of("setTimeout")),
          new AsyncCompletion("javax.servlet.AsyncContext", Set.of("complete", "dispatch"), Set.of("setTimeout")),
          new AsyncCompletion("jakarta.servlet.AsyncContext", Set.of("complete", "dispatch"), Set.of("setTimeout")),
          new AsyncCompletion(GRPC_STREAM_OBSERVER, Set.of("onCompleted", "onError"), Set.of()));
}
