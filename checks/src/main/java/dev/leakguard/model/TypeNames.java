package dev.leakguard.model;

/**
 * Fully qualified names of the JDK and Guava types LeakGuard's model refers to: each defined here
 * once, so the API files ({@link BlockingApi}, {@link ExecutorApi}, {@link DrainApi}, {@link
 * FutureApi}, {@link HandlerApi}) and the analyses name the same type the same way. Framework types
 * (Servlet, Spring, gRPC, ...) stay with the data about them in {@link HandlerApi}.
 */
public final class TypeNames {
  private TypeNames() {}

  // --- java.lang --------------------------------------------------------------------------------
  public static final String OBJECT = "java.lang.Object";
  public static final String RUNNABLE = "java.lang.Runnable";
  public static final String THREAD = "java.lang.Thread";
  public static final String THREAD_BUILDER = "java.lang.Thread.Builder";
  public static final String PROCESS = "java.lang.Process";
  public static final String INTERRUPTED_EXCEPTION = "java.lang.InterruptedException";
  public static final String RUNTIME_EXCEPTION = "java.lang.RuntimeException";
  public static final String ERROR = "java.lang.Error";

  // --- java.util, java.time ---------------------------------------------------------------------
  public static final String COLLECTION = "java.util.Collection";
  public static final String MAP = "java.util.Map";
  public static final String QUEUE = "java.util.Queue";
  public static final String TIMER = "java.util.Timer";
  public static final String DURATION = "java.time.Duration";
  public static final String BASE_STREAM = "java.util.stream.BaseStream";

  // --- java.util.concurrent: executors and threads ----------------------------------------------
  public static final String EXECUTOR = "java.util.concurrent.Executor";
  public static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  public static final String SCHEDULED_EXECUTOR_SERVICE = "java.util.concurrent.ScheduledExecutorService";
  public static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
  public static final String SCHEDULED_THREAD_POOL_EXECUTOR =
      "java.util.concurrent.ScheduledThreadPoolExecutor";
  public static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
  public static final String EXECUTORS = "java.util.concurrent.Executors";
  public static final String THREAD_FACTORY = "java.util.concurrent.ThreadFactory";

  // --- java.util.concurrent: futures, queues, timeouts ------------------------------------------
  public static final String FUTURE = "java.util.concurrent.Future";
  public static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  public static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  public static final String COMPLETION_SERVICE = "java.util.concurrent.CompletionService";
  public static final String BLOCKING_QUEUE = "java.util.concurrent.BlockingQueue";
  public static final String BLOCKING_DEQUE = "java.util.concurrent.BlockingDeque";
  public static final String TRANSFER_QUEUE = "java.util.concurrent.TransferQueue";
  public static final String SUBMISSION_PUBLISHER = "java.util.concurrent.SubmissionPublisher";
  public static final String ATOMIC_BOOLEAN = "java.util.concurrent.atomic.AtomicBoolean";
  public static final String TIME_UNIT = "java.util.concurrent.TimeUnit";
  public static final String TIMEOUT_EXCEPTION = "java.util.concurrent.TimeoutException";

  // --- Guava ------------------------------------------------------------------------------------
  public static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";
  public static final String UNINTERRUPTIBLES = "com.google.common.util.concurrent.Uninterruptibles";
  public static final String MORE_EXECUTORS = "com.google.common.util.concurrent.MoreExecutors";
  public static final String THREAD_FACTORY_BUILDER = "com.google.common.util.concurrent.ThreadFactoryBuilder";
  public static final String LISTENABLE_FUTURE = "com.google.common.util.concurrent.ListenableFuture";
}
