package dev.leakguard.testdata.handler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.leakguard.annotations.Owning;
import io.grpc.stub.StreamObserver;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;

/** Handlers that end, bound or hand back every task they start, and look-alikes that are no handlers. */
class HandlersClean {
  static void work() {}

  static String compute() {
    return "x";
  }

  // --- Awaited ----------------------------------------------------------------------------

  static class AwaitingServlet extends javax.servlet.http.HttpServlet {
    @Override
    protected void doGet(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      CompletableFuture<String> f = CompletableFuture.supplyAsync(HandlersClean::compute);
      System.out.println(f.orTimeout(1, TimeUnit.SECONDS).join());
    }

    @Override
    protected void doPost(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      Thread worker = new Thread(HandlersClean::work);
      worker.start();
      try {
        worker.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    protected void doPut(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      // Untimed waits are BlockingCallWithoutTimeout's business: awaited is awaited.
      CompletableFuture.runAsync(HandlersClean::work).join();
    }

    @Override
    protected void doDelete(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      ExecutorService perRequest = Executors.newFixedThreadPool(2);
      Future<?> f = perRequest.submit(HandlersClean::work);
      try {
        f.get(1, TimeUnit.SECONDS);
      } catch (Exception e) {
        f.cancel(true);
      } finally {
        perRequest.shutdown();
      }
    }

    @Override
    protected void doOptions(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      ExecutorService perRequest = Executors.newCachedThreadPool();
      List<Callable<String>> tasks = List.of(HandlersClean::compute, HandlersClean::compute);
      try {
        perRequest.invokeAll(tasks, 1, TimeUnit.SECONDS); // returns only when all are done or cancelled
        perRequest.submit(HandlersClean::work);
        perRequest.shutdown();
        perRequest.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @jakarta.ws.rs.Path("/await")
  static class AwaitingResource {
    @jakarta.ws.rs.GET
    public String bothBranches(boolean fast) throws Exception {
      Future<String> f = CompletableFuture.supplyAsync(HandlersClean::compute);
      if (fast) {
        f.cancel(true);
        return "cancelled";
      } else {
        return f.get(1, TimeUnit.SECONDS);
      }
    }

    @jakarta.ws.rs.POST
    public String derivedFuture() throws Exception {
      CompletableFuture<String> f = CompletableFuture.supplyAsync(HandlersClean::compute);
      CompletableFuture<Integer> length = f.thenApply(String::length);
      return "length " + length.get(1, TimeUnit.SECONDS);
    }

    @jakarta.ws.rs.PUT
    public String allOfJoined() {
      CompletableFuture<String> a = CompletableFuture.supplyAsync(HandlersClean::compute);
      CompletableFuture<String> b = CompletableFuture.supplyAsync(HandlersClean::compute);
      CompletableFuture.allOf(a, b).orTimeout(1, TimeUnit.SECONDS).join();
      return a.join() + b.join();
    }
  }

  // --- Cancelled --------------------------------------------------------------------------

  static class CancellingHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      Future<?> f = CompletableFuture.runAsync(HandlersClean::work);
      try {
        respond(exchange);
      } finally {
        f.cancel(true);
      }
    }

    private static void respond(HttpExchange exchange) {}
  }

  static class InterruptingFilter implements jakarta.servlet.Filter {
    @Override
    public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response, jakarta.servlet.FilterChain chain)
        throws java.io.IOException, jakarta.servlet.ServletException {
      Thread watchdog = new Thread(HandlersClean::work);
      watchdog.start();
      try {
        chain.doFilter(request, response);
      } finally {
        watchdog.interrupt();
      }
    }
  }

  static class ShuttingDownServlet extends jakarta.servlet.http.HttpServlet {
    @Override
    protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp) {
      ExecutorService perRequest = Executors.newSingleThreadExecutor();
      perRequest.execute(HandlersClean::work);
      perRequest.shutdownNow();
    }

    @Override
    protected void doPost(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp) {
      Timer timer = new Timer(true);
      TimerTask task = new TimerTask() {
        @Override
        public void run() {}
      };
      timer.schedule(task, 100);
      task.cancel();
      timer.cancel();
    }
  }

  // --- Bounded fire-and-forget ------------------------------------------------------------

  @RestController
  static class BoundedController {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @GetMapping("/audit")
    public String audit() {
      CompletableFuture.runAsync(HandlersClean::work).orTimeout(2, TimeUnit.SECONDS);
      return "ok";
    }

    @GetMapping("/bounded-later")
    public String boundedLater() {
      CompletableFuture<String> f = CompletableFuture.supplyAsync(HandlersClean::compute);
      f.completeOnTimeout("fallback", 1, TimeUnit.SECONDS);
      return "ok";
    }

    @PostMapping("/cancel-later")
    public String scheduledCancel() {
      Future<?> f = CompletableFuture.runAsync(HandlersClean::work);
      scheduler.schedule(() -> f.cancel(true), 5, TimeUnit.SECONDS);
      return "ok";
    }

    @PostMapping("/poll-bounded")
    public String periodicButCancelled() {
      ScheduledFuture<?> poll = scheduler.scheduleAtFixedRate(HandlersClean::work, 0, 1, TimeUnit.SECONDS);
      scheduler.schedule(() -> poll.cancel(false), 10, TimeUnit.SECONDS);
      return "ok";
    }
  }

  // --- Handed back as the request's async result ------------------------------------------

  @RestController
  static class AsyncController {
    private final Executor executor;

    AsyncController(Executor executor) {
      this.executor = executor;
    }

    @GetMapping("/future")
    public CompletableFuture<String> future() {
      return CompletableFuture.supplyAsync(HandlersClean::compute);
    }

    @GetMapping("/stage")
    public CompletionStage<Integer> stage() {
      CompletableFuture<String> f = CompletableFuture.supplyAsync(HandlersClean::compute);
      log("started");
      return f.thenApply(String::length);
    }

    @GetMapping("/deferred")
    public DeferredResult<String> deferred() {
      DeferredResult<String> result = new DeferredResult<>(5_000L);
      new Thread(() -> result.setResult(compute())).start();
      return result;
    }

    @GetMapping("/deferred-chained")
    public DeferredResult<String> deferredByCallback() {
      DeferredResult<String> result = new DeferredResult<>(5_000L);
      CompletableFuture.supplyAsync(HandlersClean::compute).thenAccept(result::setResult);
      return result;
    }

    @GetMapping("/completed-future")
    public CompletableFuture<String> completedByTask() {
      CompletableFuture<String> result = new CompletableFuture<>();
      new Thread(() -> result.complete(compute())).start();
      return result;
    }

    @GetMapping("/web-async-task")
    public WebAsyncTask<String> webAsyncTask() {
      Future<String> f = CompletableFuture.supplyAsync(HandlersClean::compute);
      return new WebAsyncTask<>(5_000, () -> f.get(4, TimeUnit.SECONDS));
    }

    @GetMapping("/events")
    public org.springframework.web.servlet.mvc.method.annotation.SseEmitter events() {
      // The framework holds the emitter until the task completes it, or its timeout ends the request.
      org.springframework.web.servlet.mvc.method.annotation.SseEmitter emitter =
          new org.springframework.web.servlet.mvc.method.annotation.SseEmitter(30_000L);
      CompletableFuture.runAsync(
          () -> {
            try {
              emitter.send(compute());
              emitter.complete();
            } catch (java.io.IOException e) {
              emitter.completeWithError(e);
            }
          });
      return emitter;
    }

    @GetMapping("/stream")
    public org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter stream() {
      org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter emitter =
          new org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter();
      new Thread(emitter::complete).start();
      return emitter;
    }

    @GetMapping("/callable")
    public Callable<String> callable() {
      CompletableFuture<String> f = CompletableFuture.supplyAsync(HandlersClean::compute);
      return () -> f.get(4, TimeUnit.SECONDS);
    }

    @PostMapping("/injected")
    public String injectedExecutor() {
      // One-shot task on an executor that outlives the request: its owner (the container) ends it.
      executor.execute(HandlersClean::work);
      CompletableFuture.runAsync(HandlersClean::work, executor);
      return "queued";
    }

    private static void log(String message) {}
  }

  @javax.ws.rs.Path("/async")
  static class AsyncResource {
    @javax.ws.rs.GET
    public void resumed(@javax.ws.rs.container.Suspended javax.ws.rs.container.AsyncResponse response) {
      response.setTimeout(5, TimeUnit.SECONDS);
      CompletableFuture.runAsync(() -> response.resume(compute()));
    }

    @javax.ws.rs.POST
    public CompletionStage<String> returnedStage() {
      return CompletableFuture.supplyAsync(HandlersClean::compute);
    }
  }

  @javax.ws.rs.Path("/chained")
  static class ChainedAsyncResource {
    @javax.ws.rs.GET
    public void resumedByCallback(@javax.ws.rs.container.Suspended javax.ws.rs.container.AsyncResponse response) {
      response.setTimeout(5, TimeUnit.SECONDS);
      CompletableFuture.supplyAsync(HandlersClean::compute).thenAccept(response::resume);
    }
  }

  @jakarta.ws.rs.Path("/async")
  static class JakartaAsyncResource {
    @jakarta.ws.rs.GET
    public void resumed(@jakarta.ws.rs.container.Suspended jakarta.ws.rs.container.AsyncResponse response) {
      response.setTimeout(5, TimeUnit.SECONDS);
      new Thread(() -> response.resume(compute())).start();
    }
  }

  static class AsyncServlet extends jakarta.servlet.http.HttpServlet {
    @Override
    protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp) {
      jakarta.servlet.AsyncContext async = req.startAsync();
      async.setTimeout(5_000);
      CompletableFuture.runAsync(() -> {
        work();
        async.complete();
      });
    }
  }

  static class JavaxAsyncServlet extends javax.servlet.http.HttpServlet {
    @Override
    protected void doGet(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      javax.servlet.AsyncContext async = req.startAsync();
      async.setTimeout(5_000);
      new Thread(() -> async.complete()).start();
    }
  }

  static class Greeter extends GreeterGrpc.GreeterImplBase {
    @Override
    public void sayHello(String request, StreamObserver<String> responseObserver) {
      CompletableFuture.runAsync(() -> {
        responseObserver.onNext("hello " + request);
        responseObserver.onCompleted();
      });
    }
  }

  @io.micronaut.http.annotation.Controller("/m")
  static class MicronautController {
    @io.micronaut.http.annotation.Get("/x")
    public CompletableFuture<String> get() {
      return CompletableFuture.supplyAsync(HandlersClean::compute);
    }

    @io.micronaut.http.annotation.Post("/y")
    public String post() {
      Thread worker = new Thread(HandlersClean::work);
      worker.start();
      worker.interrupt();
      return "y";
    }
  }

  static void vertxRoutes(io.vertx.ext.web.Router router) {
    router.get("/v").handler(ctx -> {
      CompletableFuture<String> f = CompletableFuture.supplyAsync(HandlersClean::compute);
      f.orTimeout(1, TimeUnit.SECONDS).whenComplete((result, error) -> ctx.end(String.valueOf(result)));
    });
  }

  static void javalinRoutes(io.javalin.Javalin app) {
    app.get("/j", ctx -> {
      CompletableFuture<String> f = CompletableFuture.supplyAsync(HandlersClean::compute);
      ctx.future(() -> f); // Javalin completes the request with it
    });
  }

  static class JavalinHandler implements io.javalin.http.Handler {
    @Override
    public void handle(io.javalin.http.Context ctx) throws Exception {
      ctx.result(CompletableFuture.supplyAsync(HandlersClean::compute).get(1, TimeUnit.SECONDS));
    }
  }

  // --- Handed to an owner -----------------------------------------------------------------

  static final class InFlight {
    private final List<Future<?>> tasks = new ArrayList<>();

    void adopt(@Owning Future<?> task) {
      tasks.add(task);
    }

    void close() {
      tasks.forEach(t -> t.cancel(true));
    }
  }

  static class OwningHandler implements HttpHandler {
    private final InFlight inFlight = new InFlight();
    @Owning private Future<?> current;
    private Thread lastWorker;

    @Override
    public void handle(HttpExchange exchange) {
      inFlight.adopt(CompletableFuture.runAsync(HandlersClean::work));
      current = CompletableFuture.runAsync(HandlersClean::work);
      Thread worker = new Thread(HandlersClean::work);
      lastWorker = worker;
      worker.start();
    }

    void stop() {
      lastWorker.interrupt();
    }
  }

  static class OwningCollectionHandler implements HttpHandler {
    @Owning private final List<Future<?>> inFlight = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void handle(HttpExchange exchange) {
      inFlight.add(CompletableFuture.runAsync(HandlersClean::work)); // declared the owner
    }
  }

  static class LocalListAwaited implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
      List<CompletableFuture<Void>> parts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        parts.add(CompletableFuture.runAsync(HandlersClean::work));
      }
      parts.forEach(p -> p.orTimeout(1, TimeUnit.SECONDS).join());
    }
  }

  static class OwnedExecutorServlet extends javax.servlet.http.HttpServlet {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @Override
    protected void doPost(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {
      pool.submit(HandlersClean::work); // the servlet owns the pool and ends it in destroy()
    }

    @Override
    public void destroy() {
      pool.shutdownNow();
    }
  }

  static class NettyOnEventLoop extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.executor().schedule(HandlersClean::work, 1, TimeUnit.SECONDS); // Netty's event loop owns it
    }
  }

  // --- Helpers the handler calls ----------------------------------------------------------

  @RestController
  static class HelperController {
    @GetMapping("/helper-awaits")
    public String helperAwaits() throws Exception {
      return fetchAndWait();
    }

    @GetMapping("/helper-returns")
    public CompletableFuture<String> helperReturns() {
      return fetchAsync();
    }

    @GetMapping("/helper-returns-awaited")
    public String helperReturnsAwaited() throws Exception {
      CompletableFuture<String> f = fetchAsync();
      return f.get(1, TimeUnit.SECONDS);
    }

    private String fetchAndWait() throws Exception {
      return CompletableFuture.supplyAsync(HandlersClean::compute).get(1, TimeUnit.SECONDS);
    }

    @PostMapping("/helper-resumes")
    public void helperResumes(@javax.ws.rs.container.Suspended javax.ws.rs.container.AsyncResponse response) {
      response.setTimeout(5, TimeUnit.SECONDS);
      resumeLater(response);
    }

    @GetMapping("/helper-completes")
    public DeferredResult<String> helperCompletes() {
      DeferredResult<String> result = new DeferredResult<>(5_000L);
      completeLater(result);
      return result;
    }

    private CompletableFuture<String> fetchAsync() {
      return CompletableFuture.supplyAsync(HandlersClean::compute);
    }

    private void completeLater(DeferredResult<String> result) {
      new Thread(() -> result.setResult(compute())).start();
    }

    private void resumeLater(javax.ws.rs.container.AsyncResponse response) {
      new Thread(() -> response.resume(compute())).start();
    }
  }

  // --- Look-alikes that are no request handlers -------------------------------------------

  /** Not a controller: @GetMapping alone does not make a handler. */
  static class NotAController {
    @GetMapping("/x")
    public String get() {
      new Thread(HandlersClean::work).start();
      return "x";
    }
  }

  /** Named like a servlet method, but no servlet. */
  static class NotAServlet {
    protected void doGet(Object req, Object resp) {
      new Thread(HandlersClean::work).start();
    }
  }

  /** A Vert.x handler of something other than a request. */
  static class MessageHandler implements Handler<String> {
    @Override
    public void handle(String message) {
      new Thread(HandlersClean::work).start();
    }
  }

  static class Startup {
    void start(HttpServer server) {
      // Starting a server's background work at startup is no request handler's business.
      new Thread(HandlersClean::work).start();
      server.createContext("/ok", exchange -> exchange.close());
    }

    /** A task started in a lambda the handler only creates runs whenever that lambda runs: not followed. */
    void register(HttpServer server, List<Runnable> jobs) {
      server.createContext("/jobs", exchange -> {
        Runnable later = () -> new Thread(jobs.get(0)).start();
        jobs.forEach(job -> {
          Thread worker = new Thread(job);
          worker.start();
          try {
            worker.join(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            worker.interrupt();
          }
        });
      });
    }
  }
}
