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
 * </ul>
 */
public record LeakGuardOptions(
    Timeout defaultTimeout, Set<BlockingFamily> blockingFamilies, List<OptionError> errors) {
  public static final String SHARED_PREFIX = "LeakGuard:";
  public static final String DEFAULT_TIMEOUT = SHARED_PREFIX + "DefaultTimeout";
  public static final String FAMILIES = "BlockingCallWithoutTimeout:Families";
  public static final String EXCLUDE_FAMILIES = "BlockingCallWithoutTimeout:ExcludeFamilies";

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
    return new LeakGuardOptions(timeout, families, errors);
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
}
