package dev.leakguard.junit;

/** Turns a frame as printed by {@link StackTraceElement#toString()} back into a {@link StackTraceElement}. */
final class StackFrames {
  private StackFrames() {}

  /**
   * Parses {@code [loader/][module[@version]/]pkg.Class.method(File.java:12)}, {@code (Native Method)}
   * and {@code (Unknown Source)} included. Text it cannot read becomes a frame of class "?" so nothing is lost.
   */
  static StackTraceElement parse(String text) {
    int open = text.indexOf('(');
    int close = text.lastIndexOf(')');
    String qualified = open < 0 ? text : text.substring(0, open);
    String location = open < 0 || close < open ? "" : text.substring(open + 1, close);

    String loader = null;
    String module = null;
    String moduleVersion = null;
    int slash = qualified.lastIndexOf('/');
    if (slash >= 0) {
      String[] prefix = qualified.substring(0, slash).split("/", -1);
      qualified = qualified.substring(slash + 1);
      if (prefix.length == 2) {
        loader = prefix[0].isEmpty() ? null : prefix[0];
        module = prefix[1].isEmpty() ? null : prefix[1];
      } else {
        module = prefix[0];
      }
      if (module != null && module.contains("@")) {
        moduleVersion = module.substring(module.indexOf('@') + 1);
        module = module.substring(0, module.indexOf('@'));
      }
    }
    int dot = qualified.lastIndexOf('.');
    if (dot < 0) {
      return new StackTraceElement("?", qualified, null, -1);
    }
    String className = qualified.substring(0, dot);
    String methodName = qualified.substring(dot + 1);

    String file = null;
    int line = -1;
    if (location.equals("Native Method")) {
      line = -2;
    } else if (!location.isEmpty() && !location.equals("Unknown Source")) {
      int colon = location.lastIndexOf(':');
      if (colon >= 0) {
        file = location.substring(0, colon);
        try {
          line = Integer.parseInt(location.substring(colon + 1));
        } catch (NumberFormatException e) {
          file = location;
        }
      } else {
        file = location;
      }
    }
    return new StackTraceElement(loader, module, moduleVersion, className, methodName, file, line);
  }
}
