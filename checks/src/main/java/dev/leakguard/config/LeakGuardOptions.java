package dev.leakguard.config;

import com.google.errorprone.ErrorProneFlags;
import dev.leakguard.model.BlockingFamily;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every {@code -XepOpt:} option LeakGuard reads, parsed once when a check is created. A bad value
 * is kept as an {@link OptionError}: the check that owns the option reports it as a compile error
 * naming the option (an exception here would crash javac with a stack trace), and the default is
 * used meanwhile.
 *
 * <ul>
 *   <li>{@code LeakGuard:DefaultTimeout=30s}: the timeout suggested fixes write ({@code ms}, {@code
 *       s}, {@code m}, {@code h}).
 *   <li>{@code BlockingCallWithoutTimeout:Families=QUEUE,FUTURE,...}: the only API families checked.
 *   <li>{@code BlockingCallWithoutTimeout:ExcludeFamilies=THREAD,...}: families left unchecked.
 *   <li>{@code HandlerLeaksBackgroundTask:HandlerAnnotations=com.acme.Endpoint,...}: extra annotations
 *       that make a method a request handler.
 *   <li>{@code HandlerLeaksBackgroundTask:HandlerSupertypes=com.acme.Handler#handle,...}: extra
 *       supertypes whose named methods (several: {@code #handle|serve}) are request handlers; lambdas
 *       and method references of such a functional interface are handlers too.
 *   <li>{@code HandlerLeaksBackgroundTask:CheckSharedExecutors=true}: also check one-shot tasks on
 *       executors that outlive the request (fields, parameters); off by default.
 * </ul>
 */
public record LeakGuardOptions(
    Timeout defaultTimeout,
    Set<BlockingFamily> blockingFamilies,
    HandlerOptions handlers,
    List<OptionError> errors) {
  public static final String SHARED_PREFIX = "LeakGuard:";
  public static final String DEFAULT_TIMEOUT = SHARED_PREFIX + "DefaultTimeout";
  public static final String FAMILIES = "BlockingCallWithoutTimeout:Families";
  public static final String EXCLUDE_FAMILIES = "BlockingCallWithoutTimeout:ExcludeFamilies";
  public static final String HANDLER_ANNOTATIONS = "HandlerLeaksBackgroundTask:HandlerAnnotations";
  public static final String HANDLER_SUPERTYPES = "HandlerLeaksBackgroundTask:HandlerSupertypes";
  public static final String CHECK_SHARED_EXECUTORS = "HandlerLeaksBackgroundTask:CheckSharedExecutors";

  private static final java.util.regex.Pattern QUALIFIED_NAME =
      java.util.regex.Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
          + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
  private static final java.util.regex.Pattern IDENTIFIER =
      java.util.regex.Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");

  /** One option value that could not be used. */
  public record OptionError(String option, String value, String expected) {
    public String message() {
      return String.format(
          "LeakGuard: invalid value '%s' for -XepOpt:%s=...; expected %s", value, option, expected);
    }
  }

  public LeakGuardOptions {
    blockingFamilies = Set.copyOf(blockingFamilies);
    errors = List.copyOf(errors);
  }

  public static LeakGuardOptions from(ErrorProneFlags flags) {
    List<OptionError> errors = new ArrayList<>();
    Timeout timeout =
        flags
            .get(DEFAULT_TIMEOUT)
            .map(v -> Timeout.parse(v).orElseGet(() -> invalidTimeout(v, errors)))
            .orElse(Timeout.DEFAULT);
    Set<BlockingFamily> families = EnumSet.allOf(BlockingFamily.class);
    List<String> included = flags.getListOrEmpty(FAMILIES);
    if (!included.isEmpty()) {
      families = parseFamilies(FAMILIES, included, errors);
    }
    families.removeAll(parseFamilies(EXCLUDE_FAMILIES, flags.getListOrEmpty(EXCLUDE_FAMILIES), errors));
    HandlerOptions handlers = handlerOptions(flags, errors);
    return new LeakGuardOptions(timeout, families, handlers, errors);
  }

  /** The errors in options named {@code <prefix>...}. */
  public List<OptionError> errorsFor(String prefix) {
    return errors.stream().filter(e -> e.option().startsWith(prefix)).toList();
  }

  private static Timeout invalidTimeout(String value, List<OptionError> errors) {
    errors.add(
        new OptionError(
            DEFAULT_TIMEOUT, value, "a positive whole number followed by ms, s, m or h, such as 30s"));
    return Timeout.DEFAULT;
  }

  private static Set<BlockingFamily> parseFamilies(
      String option, List<String> names, List<OptionError> errors) {
    Set<BlockingFamily> families = EnumSet.noneOf(BlockingFamily.class);
    for (String name : names) {
      BlockingFamily family = BlockingFamily.parse(name);
      if (family == null) {
        errors.add(
            new OptionError(
                option, name, "a comma-separated list of " + EnumSet.allOf(BlockingFamily.class)));
      } else {
        families.add(family);
      }
    }
    return families;
  }

  /** The options of {@code HandlerLeaksBackgroundTask}; bad values are recorded in {@code errors}. */
  private static HandlerOptions handlerOptions(ErrorProneFlags flags, List<OptionError> errors) {
    Set<String> annotations = new java.util.LinkedHashSet<>();
    for (String name : flags.getListOrEmpty(HANDLER_ANNOTATIONS)) {
      String trimmed = name.trim();
      if (QUALIFIED_NAME.matcher(trimmed).matches()) {
        annotations.add(trimmed);
      } else {
        errors.add(
            new OptionError(
                HANDLER_ANNOTATIONS,
                name,
                "a comma-separated list of annotation names such as com.acme.Endpoint"));
      }
    }
    List<dev.leakguard.model.HandlerApi.HandlerSupertype> supertypes = new ArrayList<>();
    for (String entry : flags.getListOrEmpty(HANDLER_SUPERTYPES)) {
      String[] parts = entry.trim().split("#", -1);
      Set<String> methods = new java.util.LinkedHashSet<>();
      boolean valid = parts.length == 2 && QUALIFIED_NAME.matcher(parts[0]).matches();
      if (valid) {
        for (String method : parts[1].split("\\|", -1)) {
          valid &= IDENTIFIER.matcher(method).matches();
          methods.add(method);
        }
      }
      if (valid) {
        supertypes.add(
            new dev.leakguard.model.HandlerApi.HandlerSupertype(parts[0], parts[0], methods, null));
      } else {
        errors.add(
            new OptionError(
                HANDLER_SUPERTYPES,
                entry,
                "a comma-separated list of Type#method entries such as com.acme.Handler#handle"
                    + " (several methods: com.acme.Handler#get|post)"));
      }
    }
    boolean checkShared = false;
    String shared = flags.get(CHECK_SHARED_EXECUTORS).orElse(null);
    if (shared != null) {
      String value = shared.trim().toLowerCase(java.util.Locale.ROOT);
      if (value.equals("true") || value.equals("false")) {
        checkShared = value.equals("true");
      } else {
        errors.add(new OptionError(CHECK_SHARED_EXECUTORS, shared, "true or false"));
      }
    }
    return new HandlerOptions(annotations, supertypes, checkShared);
  }
}
