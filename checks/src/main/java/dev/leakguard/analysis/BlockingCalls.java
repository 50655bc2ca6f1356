package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.leakguard.model.BlockingApi;
import dev.leakguard.model.BlockingMethod;
import dev.leakguard.model.TypeNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Looks up calls in {@link BlockingApi#METHODS}. Indexed by method name so that a call that cannot
 * match costs one map look-up. Immutable once built; a check builds one in its constructor.
 */
public final class BlockingCalls {
  private record Entry(BlockingMethod method, Matcher<ExpressionTree> matcher) {}

  private final Map<String, List<Entry>> byName;

  public BlockingCalls(Predicate<BlockingMethod> include) {
    Map<String, List<Entry>> index = new HashMap<>();
    for (BlockingMethod method : BlockingApi.METHODS) {
      if (include.test(method)) {
        index.computeIfAbsent(method.name(), n -> new ArrayList<>()).add(new Entry(method, method.matcher()));
      }
    }
    index.replaceAll((name, methods) -> List.copyOf(methods));
    this.byName = Map.copyOf(index);
  }

  /** The model entry a call or method reference invokes, or null. */
  public BlockingMethod find(ExpressionTree callOrReference, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(callOrReference);
    if (!(symbol instanceof Symbol.MethodSymbol)) {
      return null;
    }
    List<Entry> candidates = byName.get(symbol.getSimpleName().toString());
    if (candidates == null) {
      return null;
    }
    for (Entry candidate : candidates) {
      if (candidate.matcher().matches(callOrReference, state)) {
        return candidate.method();
      }
    }
    return null;
  }

  /**
   * Whether a wait inside {@code method} is what the method promises, so that its callers, not
   * this site, are where a bound belongs:
   *
   * <ul>
   *   <li>it implements or overrides a blocking API method (a forwarding queue's {@code take()}, a
   *       custom future's {@code get()}), or is one of the modelled methods itself (Guava's {@code
   *       Uninterruptibles.putUninterruptibly});
   *   <li>its class offers a timed twin of it ({@link #hasTimedTwin});
   *   <li>it overrides a method whose contract is to block ({@code InputStream.read()}, {@link
   *       BlockingApi#BLOCKING_CONTRACT_METHODS});
   *   <li>its name declares blocking ({@code blockingGet()}, {@code awaitQuietly()}, {@code
   *       getUninterruptibly()}).
   * </ul>
   *
   */
  public static boolean blocksByContract(MethodTree method, VisitorState state) {
    Symbol.MethodSymbol symbol = ASTHelpers.getSymbol(method);
    if (symbol == null) {
      return false;
    }
    return declaresContract(symbol, state) || onlyServesContracts(symbol, state);
  }

  private static boolean declaresContract(Symbol.MethodSymbol symbol, VisitorState state) {
    String name = symbol.getSimpleName().toString();
    if (declaresBlocking(name) || hasTimedTwin(symbol, state) || isModelled(symbol, state)) {
      return true;
    }
    for (Symbol.MethodSymbol overridden : ASTHelpers.findSuperMethods(symbol, state.getTypes())) {
      String key = overridden.owner.getQualifiedName() + "#" + overridden.getSimpleName();
      if (BlockingApi.BLOCKING_CONTRACT_METHODS.contains(key) || isModelled(overridden, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A private helper ({@code awaitInput()}) whose every caller in its class blocks by contract
   * ({@code InputStream.read()}): the helper's wait is the contract's wait.
   */
  private static boolean onlyServesContracts(Symbol.MethodSymbol helper, VisitorState state) {
    if (!helper.getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE)) {
      return false;
    }
    ClassTree owner = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
    if (owner == null) {
      return false;
    }
    boolean[] callers = {false, true}; // any caller, all callers block by contract
    new TreeScanner<Void, MethodTree>() {
      @Override
      public Void visitMethod(MethodTree tree, MethodTree enclosing) {
        return super.visitMethod(tree, tree);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, MethodTree enclosing) {
        if (helper.equals(ASTHelpers.getSymbol(call))) {
          callers[0] = true;
          Symbol.MethodSymbol caller = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
          if (caller == null || caller.equals(helper) || !declaresContract(caller, state)) {
            callers[1] = false;
          }
        }
        return super.visitMethodInvocation(call, enclosing);
      }
    }.scan(owner, null);
    return callers[0] && callers[1];
  }

  private static boolean declaresBlocking(String methodName) {
    for (String prefix : BlockingApi.BLOCKING_CONTRACT_METHOD_PREFIXES) {
      if (TreeFacts.startsWithWord(methodName, prefix)) {
        return true;
      }
    }
    return methodName.endsWith(BlockingApi.BLOCKING_CONTRACT_METHOD_SUFFIX);
  }

  /** Whether {@code method} is a modelled blocking method, or implements one. */
  private static boolean isModelled(Symbol.MethodSymbol method, VisitorState state) {
    for (BlockingMethod api : BlockingApi.METHODS) {
      if (api.name().contentEquals(method.getSimpleName())
          && api.isStatic() == method.isStatic()
          && api.parameterTypes().size() == method.getParameters().size()
          && TypeFacts.isSubtype(method.owner.type, api.ownerType(), state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the method's class also offers a timed form of it ({@code await()} beside {@code
   * await(long, TimeUnit)} or {@code await(Duration)}, {@code takeFirst()} beside {@code
   * pollFirst(long, TimeUnit)}): then the class is a blocking primitive of its own, like Netty's
   * {@code Future.await()} or a hand-written deque, and the untimed form blocks by contract.
   */
  private static boolean hasTimedTwin(Symbol.MethodSymbol method, VisitorState state) {
    if (!(method.owner instanceof Symbol.ClassSymbol owner)) {
      return false;
    }
    Set<String> twinNames = twinNamesOf(method.getSimpleName().toString());
    for (Symbol member : ASTHelpers.getEnclosedElements(owner)) {
      if (member instanceof Symbol.MethodSymbol sibling
          && sibling != method
          && twinNames.contains(sibling.getSimpleName().toString())
          && isTimedVariant(sibling, method, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The names a timed twin of {@code name} may have: the same name ({@code await} beside {@code
   * await(long, TimeUnit)}), or the JDK's twin name for a method of that name ({@code takeFirst}
   * beside {@code pollFirst(long, TimeUnit)}, {@code put} beside {@code offer(e, long, TimeUnit)}).
   */
  private static Set<String> twinNamesOf(String name) {
    Set<String> names = new HashSet<>();
    names.add(name);
    for (BlockingMethod api : BlockingApi.METHODS) {
      if (api.name().equals(name) && api.twinName() != null) {
        names.add(api.twinName());
      }
    }
    return names;
  }

  private static boolean isTimedVariant(
      Symbol.MethodSymbol timed, Symbol.MethodSymbol untimed, VisitorState state) {
    List<Symbol.VarSymbol> params = timed.getParameters();
    int extra = params.size() - untimed.getParameters().size();
    if (extra < 1 || extra > 2) {
      return false;
    }
    Type last = state.getTypes().erasure(params.get(params.size() - 1).type);
    String lastName = last.tsym == null ? "" : last.tsym.getQualifiedName().toString();
    if (extra == 2) {
      return lastName.equals(TypeNames.TIME_UNIT);
    }
    return lastName.equals(TypeNames.DURATION) || last.getTag() == com.sun.tools.javac.code.TypeTag.LONG;
  }

}
