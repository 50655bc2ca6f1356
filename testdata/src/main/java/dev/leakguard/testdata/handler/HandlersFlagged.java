package dev.leakguard.testdata.handler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** Request handlers of every framework that start a task and return with nothing that ends it. */
class HandlersFlagged {
  static void work() {}

  static String compute() {
    return "x";
  }

  // --- Servlet (javax and jakarta), Filter ---------------------------------------------------

  static class ReportServlet extends javax.servlet.http.HttpServlet {
    @Override
    protected void doGet(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      // BUG: Diagnostic contains: Servlet handler ReportServlet.doGet starts the background task new Thread(..).start()
      new Thread(HandlersFlagged::work).start();
    }

    @Override
    protected void doPost(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      // BUG: Diagnostic contains: CompletableFuture.runAsync(..)
      CompletableFuture.runAsync(HandlersFlagged::work);
    }

    @Override
    protected void service(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      // BUG: Diagnostic contains: Servlet handler ReportServlet.service
      CompletableFuture.supplyAsync(HandlersFlagged::compute).thenAccept(System.out::println);
    }
  }

  static class JakartaServlet extends jakarta.servlet.http.HttpServlet {
    @Override
    protected void doPut(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp) {
      Thread worker = new Thread(HandlersFlagged::work);
      worker.setDaemon(true);
      // BUG: Diagnostic contains: worker.start()
      worker.start();
    }

    @Override
    protected void doDelete(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      // BUG: Diagnostic contains: pool.submit(..)
      pool.submit(HandlersFlagged::work);
      pool.shutdown(); // lets the task run on: nothing awaits or cancels it
    }
  }

  static class AuditFilter implements javax.servlet.Filter {
    @Override
    public void doFilter(javax.servlet.ServletRequest request, javax.servlet.ServletResponse response, javax.servlet.FilterChain chain)
        throws IOException, javax.servlet.ServletException {
      // BUG: Diagnostic contains: Servlet filter handler AuditFilter.doFilter
      Executors.newCachedThreadPool().execute(HandlersFlagged::work);
      chain.doFilter(request, response);
    }
  }

  static class JakartaFilter implements jakarta.servlet.Filter {
    @Override
    public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response, jakarta.servlet.FilterChain chain)
        throws IOException, jakarta.servlet.ServletException {
      // BUG: Diagnostic contains: ForkJoinPool.commonPool().submit(..)
      ForkJoinPool.commonPool().submit(HandlersFlagged::work);
      chain.doFilter(request, response);
    }
  }

  static class AsyncServletWithoutTimeout extends javax.servlet.http.HttpServlet {
    @Override
    protected void doGet(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      javax.servlet.AsyncContext async = req.startAsync();
      // BUG: Diagnostic contains: AsyncServletWithoutTimeout.doGet
      new Thread(() -> async.complete()).start();
    }

    @Override
    protected void doPost(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      javax.servlet.AsyncContext async = req.startAsync();
      async.setTimeout(0); // zero or less: the request never times out
      // BUG: Diagnostic contains: AsyncServletWithoutTimeout.doPost
      CompletableFuture.runAsync(() -> async.complete());
    }
  }

  // --- JAX-RS (javax and jakarta) ------------------------------------------------------------

  @javax.ws.rs.Path("/reports")
  static class ReportResource {
    @javax.ws.rs.GET
    public String get() {
      // BUG: Diagnostic contains: handler ReportResource.get (@GET)
      CompletableFuture.runAsync(HandlersFlagged::work);
      return "started";
    }

    @javax.ws.rs.POST
    public void resumedButNoTimeout(@javax.ws.rs.container.Suspended javax.ws.rs.container.AsyncResponse response) {
      // BUG: Diagnostic contains: ReportResource.resumedButNoTimeout
      CompletableFuture.runAsync(() -> response.resume(compute()));
    }

    @javax.ws.rs.PUT
    public void resumedWithNoTimeout(@javax.ws.rs.container.Suspended javax.ws.rs.container.AsyncResponse response) {
      response.setTimeout(javax.ws.rs.container.AsyncResponse.NO_TIMEOUT, TimeUnit.SECONDS);
      // BUG: Diagnostic contains: ReportResource.resumedWithNoTimeout
      CompletableFuture.runAsync(() -> response.resume(compute()));
    }
  }

  @javax.ws.rs.Path("/chained")
  static class ChainedResource {
    @javax.ws.rs.GET
    public void resumedByCallbackWithoutTimeout(@javax.ws.rs.container.Suspended javax.ws.rs.container.AsyncResponse response) {
      // BUG: Diagnostic contains: ChainedResource.resumedByCallbackWithoutTimeout
      CompletableFuture.supplyAsync(HandlersFlagged::compute).thenAccept(response::resume);
    }
  }

  @jakarta.ws.rs.Path("/jobs")
  static class JobResource {
    @jakarta.ws.rs.DELETE
    public void delete() {
      // BUG: Diagnostic contains: handler JobResource.delete (@DELETE)
      new Thread(HandlersFlagged::work).start();
    }

    @jakarta.ws.rs.PATCH
    public String awaitedOnOnePathOnly(boolean wait) throws Exception {
      // BUG: Diagnostic contains: JobResource.awaitedOnOnePathOnly
      CompletableFuture<String> f = CompletableFuture.supplyAsync(HandlersFlagged::compute);
      if (wait) {
        return f.get(1, TimeUnit.SECONDS);
      }
      return "later";
    }

    @jakarta.ws.rs.HEAD
    public void cancelThatNeverRuns() {
      // BUG: Diagnostic contains: JobResource.cancelThatNeverRuns
      Future<?> f = CompletableFuture.runAsync(HandlersFlagged::work);
      Runnable cancel = () -> f.cancel(true); // written down, never scheduled
    }

    @jakarta.ws.rs.OPTIONS
    public void cancelledInALoopThatMayNotRun(java.util.List<String> items) {
      Thread worker = Thread.currentThread().isDaemon() ? new Thread(HandlersFlagged::work) : new Thread(HandlersFlagged::compute);
      // BUG: Diagnostic contains: JobResource.cancelledInALoopThatMayNotRun
      worker.start();
      for (String item : items) {
        worker.interrupt();
      }
    }

    @jakarta.ws.rs.PUT
    public String earlyReturnBeforeTheAwait(boolean fast) throws Exception {
      // BUG: Diagnostic contains: JobResource.earlyReturnBeforeTheAwait
      Future<String> f = CompletableFuture.supplyAsync(HandlersFlagged::compute);
      if (fast) {
        return "fast";
      }
      return f.get(1, TimeUnit.SECONDS);
    }
  }

  // --- Spring --------------------------------------------------------------------------------

  @RestController
  static class OrderController {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @GetMapping("/orders")
    public String list() {
      // BUG: Diagnostic contains: handler OrderController.list (@GetMapping)
      CompletableFuture.supplyAsync(HandlersFlagged::compute);
      return "ok";
    }

    @PostMapping("/poll")
    public String poll() {
      // BUG: Diagnostic contains: starts the periodic task scheduler.scheduleAtFixedRate(..)
      scheduler.scheduleAtFixedRate(HandlersFlagged::work, 0, 1, TimeUnit.SECONDS);
      return "polling";
    }

    @GetMapping("/deferred")
    public DeferredResult<String> deferredNotCompletedByTheTask() {
      DeferredResult<String> result = new DeferredResult<>(5_000L);
      result.setResult("now");
      // BUG: Diagnostic contains: OrderController.deferredNotCompletedByTheTask
      new Thread(HandlersFlagged::work).start();
      return result;
    }

    @GetMapping("/events")
    public org.springframework.web.servlet.mvc.method.annotation.SseEmitter emitterNotCompletedByTheTask() {
      org.springframework.web.servlet.mvc.method.annotation.SseEmitter emitter =
          new org.springframework.web.servlet.mvc.method.annotation.SseEmitter();
      emitter.complete();
      // BUG: Diagnostic contains: OrderController.emitterNotCompletedByTheTask
      CompletableFuture.runAsync(HandlersFlagged::work);
      return emitter;
    }
  }

  @Controller
  static class PageController {
    @RequestMapping("/page")
    public String page() {
      Timer timer = new Timer();
      // BUG: Diagnostic contains: timer.schedule(..)
      timer.schedule(new TimerTask() {
        @Override
        public void run() {}
      }, 1_000);
      return "page";
    }
  }

  static class SharedTimerServlet extends javax.servlet.http.HttpServlet {
    private final Timer timer;

    SharedTimerServlet(Timer timer) {
      this.timer = timer;
    }

    @Override
    protected void doGet(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      TimerTask refresh = new TimerTask() {
        @Override
        public void run() {}
      };
      // BUG: Diagnostic contains: starts the periodic task timer.scheduleAtFixedRate(..)
      timer.scheduleAtFixedRate(refresh, 0, 1_000);
    }

    @Override
    protected void doPost(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      // BUG: Diagnostic contains: new ForkJoinPool().execute(..)
      new ForkJoinPool().execute(HandlersFlagged::work);
    }
  }

  static class TrackedForShutdownHandler implements HttpHandler {
    private final java.util.List<Thread> startedForShutdown = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void handle(HttpExchange exchange) {
      Thread worker = new Thread(HandlersFlagged::work);
      startedForShutdown.add(worker); // kept until shutdown: every request still adds a thread
      // BUG: Diagnostic contains: TrackedForShutdownHandler.handle
      worker.start();
    }

    void close() {
      startedForShutdown.forEach(Thread::interrupt);
    }
  }

  // --- JDK HttpServer: class, lambda, method reference ----------------------------------------

  static class StatusHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      new Thread() {
        @Override
        public void run() {
          work();
        }
        // BUG: Diagnostic contains: JDK HttpServer handler StatusHandler.handle starts the background task new Thread().start()
      }.start();
    }
  }

  static void registerLambda(HttpServer server) {
    server.createContext("/a", exchange -> {
      // BUG: Diagnostic contains: JDK HttpServer handler lambda (HttpHandler)
      new Thread(HandlersFlagged::work).start();
    });
    // BUG: Diagnostic contains: JDK HttpServer handler lambda
    server.createContext("/b", exchange -> CompletableFuture.runAsync(HandlersFlagged::work));
  }

  static class Registered {
    void register(HttpServer server) {
      server.createContext("/c", this::report);
    }

    void report(HttpExchange exchange) {
      // BUG: Diagnostic contains: Registered.report (registered as HttpHandler)
      new Thread(HandlersFlagged::work).start();
    }
  }

  // --- gRPC ----------------------------------------------------------------------------------

  static class Greeter extends GreeterGrpc.GreeterImplBase {
    @Override
    public void sayHello(String request, StreamObserver<String> responseObserver) {
      responseObserver.onNext("hello " + request);
      responseObserver.onCompleted();
      // BUG: Diagnostic contains: gRPC service method Greeter.sayHello
      CompletableFuture.runAsync(HandlersFlagged::work);
    }
  }

  static class HandWrittenService implements BindableService {
    @Override
    public ServerServiceDefinition bindService() {
      return ServerServiceDefinition.empty();
    }

    public interface Api {
      void lookup(String request, StreamObserver<String> observer);
    }

    static class Impl extends HandWrittenService implements Api {
      @Override
      public void lookup(String request, StreamObserver<String> observer) {
        // BUG: Diagnostic contains: gRPC service method Impl.lookup
        new Thread(() -> observer.onNext(request)).start();
      }
    }
  }

  // --- Micronaut, Netty, Vert.x, Javalin -----------------------------------------------------

  @io.micronaut.http.annotation.Controller("/m")
  static class MicronautController {
    @io.micronaut.http.annotation.Get("/x")
    public String get() {
      // BUG: Diagnostic contains: handler MicronautController.get (@Get)
      new Thread(HandlersFlagged::work).start();
      return "x";
    }
  }

  static class NettyHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      // BUG: Diagnostic contains: Netty handler NettyHandler.channelRead
      new Thread(HandlersFlagged::work).start();
      ctx.fireChannelRead(msg);
    }
  }

  static class NettySimpleHandler extends SimpleChannelInboundHandler<String> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String msg) {
      // BUG: Diagnostic contains: Netty handler NettySimpleHandler.channelRead0
      CompletableFuture.runAsync(HandlersFlagged::work);
    }
  }

  static class VertxHandler implements Handler<RoutingContext> {
    @Override
    public void handle(RoutingContext ctx) {
      // BUG: Diagnostic contains: Vert.x handler VertxHandler.handle
      new Thread(HandlersFlagged::work).start();
      ctx.next();
    }
  }

  static void vertxRoutes(Router router) {
    router.get("/v").handler(ctx -> {
      // BUG: Diagnostic contains: Vert.x handler lambda (Handler)
      CompletableFuture.runAsync(HandlersFlagged::work);
      ctx.end("ok");
    });
  }

  static void javalinRoutes(Javalin app) {
    app.get("/j", ctx -> {
      // BUG: Diagnostic contains: Javalin handler lambda (Handler)
      new Thread(HandlersFlagged::work).start();
      ctx.result("ok");
    });
  }

  static class JavalinHandler implements io.javalin.http.Handler {
    @Override
    public void handle(Context ctx) {
      // BUG: Diagnostic contains: Javalin handler JavalinHandler.handle
      CompletableFuture.supplyAsync(HandlersFlagged::compute);
    }
  }

  // --- Tasks started in helpers the handler calls ----------------------------------------------

  @RestController
  static class HelperController {
    @GetMapping("/direct-helper")
    public String direct() {
      // BUG: Diagnostic contains: new Thread(..).start() in startWorker()
      startWorker();
      return "ok";
    }

    @GetMapping("/returned-future")
    public String returnedButDropped() {
      // BUG: Diagnostic contains: CompletableFuture.supplyAsync(..) in fetchAsync()
      fetchAsync();
      return "ok";
    }

    @GetMapping("/two-levels")
    public String twoLevels() {
      // BUG: Diagnostic contains: new Thread(..).start() in startWorker() in prepare()
      prepare();
      return "ok";
    }

    @PostMapping("/helper-resumes-without-timeout")
    public void helperResumesWithoutTimeout(@javax.ws.rs.container.Suspended javax.ws.rs.container.AsyncResponse response) {
      // BUG: Diagnostic contains: new Thread(..).start() in resumeLater()
      resumeLater(response);
    }

    @GetMapping("/helper-completes-unreturned")
    public String helperCompletesAResultNobodyReturns() {
      DeferredResult<String> result = new DeferredResult<>(5_000L);
      // BUG: Diagnostic contains: in completeLater()
      completeLater(result);
      return "ok";
    }

    private void resumeLater(javax.ws.rs.container.AsyncResponse response) {
      new Thread(() -> response.resume(compute())).start();
    }

    private void completeLater(DeferredResult<String> result) {
      new Thread(() -> result.setResult(compute())).start();
    }

    private void prepare() {
      startWorker();
    }

    private void startWorker() {
      new Thread(HandlersFlagged::work).start();
    }

    private CompletableFuture<String> fetchAsync() {
      return CompletableFuture.supplyAsync(HandlersFlagged::compute);
    }
  }
}
