package dev.leakguard.config;

import com.google.errorprone.ErrorProneFlags;
import dev.leakguard.model.BlockingFamily;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every {@code -XepOpt:} option LeakGuard reads, parsed once when a check is created. A bad value
 * fails the compilation with a message that names the option.
 *
 * <ul>
 *   <li>{@code LeakGuard:DefaultTimeout=30s}: the timeout suggested fixes write ({@code ms}, {@code
 *       s}, {@code m}, {@code h}).
 *   <li>{@code BlockingCallWithoutTimeout:Families=QUEUE,FUTURE,...}: the only API families checked.
 *   <li>{@code BlockingCallWithoutTimeout:ExcludeFamilies=THREAD,...}: families left unchecked.
 * </ul>
 */
public record LeakGuardOptions(Timeout defaultTimeout, Set<BlockingFamily> blockingFamilies) {
  public static final String DEFAULT_TIMEOUT = "LeakGuard:DefaultTimeout";
  public static final String FAMILIES = "BlockingCallWithoutTimeout:Families";
  public static final String EXCLUDE_FAMILIES = "BlockingCallWithoutTimeout:ExcludeFamilies";

  public LeakGuardOptions {
    blockingFamilies = Set.copyOf(blockingFamilies);
  }

  public static LeakGuardOptions from(ErrorProneFlags flags) {
    Timeout timeout =
        flags.get(DEFAULT_TIMEOUT).map(v -> Timeout.parse(DEFAULT_TIMEOUT, v)).orElse(Timeout.DEFAULT);
    Set<BlockingFamily> families = EnumSet.allOf(BlockingFamily.class);
    List<String> included = flags.getListOrEmpty(FAMILIES);
    if (!included.isEmpty()) {
      families = parseFamilies(FAMILIES, included);
    }
    families.removeAll(parseFamilies(EXCLUDE_FAMILIES, flags.getListOrEmpty(EXCLUDE_FAMILIES)));
    return new LeakGuardOptions(timeout, families);
  }

  private static Set<BlockingFamily> parseFamilies(String option, List<String> names) {
    Set<BlockingFamily> families = EnumSet.noneOf(BlockingFamily.class);
    for (String name : names) {
      BlockingFamily family = BlockingFamily.parse(name);
      if (family == null) {
        throw new InvalidOptionException(
            option, name, "a comma-separated list of " + EnumSet.allOf(BlockingFamily.class));
      }
      families.add(family);
    }
    return families;
  }
}
