package dev.leakguard.config;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A timeout written into suggested fixes, such as {@code 30, TimeUnit.SECONDS}. */
public record Timeout(long amount, TimeUnit unit) {
  private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  public static final Timeout DEFAULT = new Timeout(30, TimeUnit.SECONDS);

  /** Parses {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}; empty when malformed. */
  static Optional<Timeout> parse(String text) {
    Matcher m = SYNTAX.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      return Optional.empty();
    }
    TimeUnit unit =
        switch (m.group(2)) {
          case "ms" -> TimeUnit.MILLISECONDS;
          case "s" -> TimeUnit.SECONDS;
          case "m" -> TimeUnit.MINUTES;
          default -> TimeUnit.HOURS;
        };
    return Optional.of(new Timeout(Long.parseLong(m.group(1)), unit));
  }

  /** The amount as Java source: an int literal, or a long one where it must be. */
  public String amountLiteral() {
    return amount <= Integer.MAX_VALUE ? Long.toString(amount) : amount + "L";
  }
}
