package dev.leakguard.model;

import java.util.List;
import java.util.Set;

/**
 * Request handlers and background-task starts, as data: which methods and lambdas are request
 * handlers in each framework (by name — no framework is on LeakGuard's classpath), which calls start
 * a task that can outlive the request, and what ends such a task or hands it back to the framework.
 * Nothing else in LeakGuard names these types or methods.
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

  // --- Task starts ------------------------------------------------------------------------------

  /** What runs a started task. */
  public enum Runner {
    /** A thread of its own: {@code Thread.start()}, virtual threads, {@code Thread.Builder}. */
    THREAD,
    /** The executor the call is made on, or the executor argument. */
    EXECUTOR,
    /** The JVM-wide pool that nobody shuts down: {@code CompletableFuture.runAsync(task)}. */
    COMMON_POOL,
    /** A {@code java.util.Timer}. */
    TIMER
  }

  /**
   * A call that starts a task which may run on after the caller returns.
   *
   * @param owner the declaring type; calls on subtypes match too
   * @param isStatic whether the method is static
   * @param names the method names
   * @param runner what runs the task
   * @param periodic whether the task repeats until cancelled
   * @param executorArgument index of the executor argument (static forms), or -1
   * @param minArguments the fewest arguments the form takes (to tell {@code runAsync(r)} from {@code
   *     runAsync(r, executor)})
   * @param awaitsItself whether the call returns only when the tasks are done or cancelled ({@code
   *     invokeAll}, {@code invokeAny}): recognised, never a leak
   */
  public record TaskStart(
      String owner,
      boolean isStatic,
      Set<String> names,
      Runner runner,
      boolean periodic,
      int executorArgument,
      int minArguments,
      boolean awaitsItself) {
    public TaskStart {
      names = Set.copyOf(names);
    }
  }

  public static final String THREAD = "java.lang.Thread";
  public static final String THREAD_BUILDER = "java.lang.Thread.Builder";
  public static final String EXECUTOR = "java.util.concurrent.Executor";
  public static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  public static final String SCHEDULED_EXECUTOR = "java.util.concurrent.ScheduledExecutorService";
  public static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
  public static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  public static final String TIMER = "java.util.Timer";

  /**
   * Every call that starts a background task. (The lead reconciles this list with ExecutorApi's
   * submission methods at merge: keep it the only such list in this check.)
   */
  public static final List<TaskStart> TASK_STARTS =
      List.of(
          new TaskStart(THREAD, false, Set.of("start"), Runner.THREAD, false, -1, 0, false),
          new TaskStart(THREAD, true, Set.of("startVirtualThread"), Runner.THREAD, false, -1, 1, false),
          new TaskStart(THREAD_BUILDER, false, Set.of("start"), Runner.THREAD, false, -1, 1, false),
          new TaskStart(EXECUTOR, false, Set.of("execute"), Runner.EXECUTOR, false, -1, 1, false),
          new TaskStart(EXECUTOR_SERVICE, false, Set.of("submit"), Runner.EXECUTOR, false, -1, 1, false),
          new TaskStart(
              EXECUTOR_SERVICE, false, Set.of("invokeAll", "invokeAny"), Runner.EXECUTOR, false, -1, 1, true),
          new TaskStart(SCHEDULED_EXECUTOR, false, Set.of("schedule"), Runner.EXECUTOR, false, -1, 3, false),
          new TaskStart(
              SCHEDULED_EXECUTOR,
              false,
              Set.of("scheduleAtFixedRate", "scheduleWithFixedDelay"),
              Runner.EXECUTOR,
              true,
              -1,
              4,
              false),
          new TaskStart(FORK_JOIN_POOL, false, Set.of("submit", "execute"), Runner.EXECUTOR, false, -1, 1, false),
          new TaskStart(
              COMPLETABLE_FUTURE, true, Set.of("runAsync", "supplyAsync"), Runner.COMMON_POOL, false, -1, 1, false),
          new TaskStart(
              COMPLETABLE_FUTURE, true, Set.of("runAsync", "supplyAsync"), Runner.EXECUTOR, false, 1, 2, false),
          // Timer.schedule(task, delay) runs once; schedule(task, delay, period) repeats.
          new TaskStart(TIMER, false, Set.of("schedule"), Runner.TIMER, false, -1, 2, false),
          new TaskStart(TIMER, false, Set.of("schedule"), Runner.TIMER, true, -1, 3, false),
          new TaskStart(TIMER, false, Set.of("scheduleAtFixedRate"), Runner.TIMER, true, -1, 3, false));

  /** Static factories whose executor is new: a pool created per call. */
  public static final Set<String> EXECUTOR_FACTORY_CLASSES =
      Set.of("java.util.concurrent.Executors", "java.util.concurrent.ForkJoinPool");

  /** Static factory names that create a new executor. */
  public static final String EXECUTOR_FACTORY_PREFIX = "new";

  /** The JVM-wide pool: shared, never shut down, so nothing ends a task left on it. */
  public static final Set<String> COMMON_POOL_GETTERS = Set.of("commonPool");

  // --- Ways out ---------------------------------------------------------------------------------

  /** Calls on a task's handle that wait until it is done (timed or not). */
  public static final Set<String> AWAIT_METHODS = Set.of("get", "join", "awaitTermination", "close");

  /** Calls on a task's handle (future, thread, executor or timer made for it) that cancel it. */
  public static final Set<String> CANCEL_METHODS = Set.of("cancel", "interrupt", "shutdownNow");

  /** Calls on a future that bound it in time. */
  public static final Set<String> BOUND_METHODS = Set.of("orTimeout", "completeOnTimeout");

  /**
   * Calls on a future whose result stands for the same task: awaiting or returning the result
   * awaits or hands back the task. Static {@code allOf}/{@code anyOf} combine futures.
   */
  public static final Set<String> DERIVING_METHODS =
      Set.of(
          "thenApply", "thenApplyAsync", "thenAccept", "thenAcceptAsync", "thenRun", "thenRunAsync",
          "thenCompose", "thenComposeAsync", "thenCombine", "thenCombineAsync", "whenComplete",
          "whenCompleteAsync", "handle", "handleAsync", "exceptionally", "exceptionallyAsync",
          "exceptionallyCompose", "toCompletableFuture", "copy", "minimalCompletionStage",
          "allOf", "anyOf");

  /** Calls in an owner's lifecycle method that end the executor or timer it owns, and its tasks. */
  public static final Set<String> EXECUTOR_ENDING_METHODS =
      Set.of("shutdown", "shutdownNow", "close", "cancel", "awaitTermination");

  /** Collections: a handle added to one is kept there, not ended. */
  public static final Set<String> COLLECTION_TYPES = Set.of("java.util.Collection", "java.util.Map");

  /** The calls that add a handle to a collection. */
  public static final Set<String> COLLECTION_ADDS =
      Set.of("add", "addFirst", "addLast", "offer", "offerFirst", "offerLast", "push", "put", "putIfAbsent", "set");

  /** The calls that schedule a delayed task: a cancel inside one bounds the cancelled task. */
  public static final Set<String> SCHEDULING_METHODS =
      Set.of("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

  /**
   * Types a handler can return as the request's asynchronous result: the framework waits for it,
   * applies its timeout and cancels it when the client goes away.
   */
  public static final Set<String> ASYNC_RESULT_TYPES =
      Set.of(
          "java.util.concurrent.CompletionStage",
          "java.util.concurrent.Future",
          "com.google.common.util.concurrent.ListenableFuture",
          "org.springframework.web.context.request.async.DeferredResult",
          "org.springframework.web.context.request.async.WebAsyncTask",
          "java.util.concurrent.Callable",
          "reactor.core.publisher.Mono",
          "reactor.core.publisher.Flux");

  /**
   * Objects through which a task can finish the request itself, and what makes that safe.
   *
   * @param type the fully qualified type
   * @param finishMethods calls by the task that finish the request (empty: any use)
   * @param timeoutMethods calls by the handler that give the request a timeout (empty: none needed)
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
