package dev.leakguard.config;

import com.google.errorprone.InvalidCommandLineOptionException;

/** A {@code -XepOpt:} value LeakGuard cannot use; the message names the option and what it takes. */
public final class InvalidOptionException extends InvalidCommandLineOptionException {
  private static final long serialVersionUID = 1L;

  InvalidOptionException(String option, String value, String expected) {
    super(
        String.format(
            "LeakGuard: invalid value '%s' for -XepOpt:%s=...; expected %s", value, option, expected));
  }
}
