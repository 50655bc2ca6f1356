package dev.leakguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.leakguard.model.HandlerApi;
import dev.leakguard.model.HandlerApi.HandlerSupertype;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises request handlers by name (see {@link HandlerApi}): methods by annotation or by the
 * supertype method they override, and lambdas and method references whose functional interface is
 * a handler type. Immutable; a check builds one in its constructor with the user's extra handlers.
 */
public final class Handlers {
  /**
   * A handler whose body runs while a request is served.
   *
   * @param description how messages name it, such as {@code "Servlet handler ReportServlet.doGet"}
   * @param path the path to the handler's {@link MethodTree} or {@link LambdaExpressionTree}
   * @param inlineCallback the path to the {@code forEach} lambda between the handler and the code
   *     in question, which runs right there; null when there is none
   */
  public record Handler(String description, TreePath path, TreePath inlineCallback) {
    public Tree tree() {
      return path.getLeaf();
    }
  }

  private static final com.google.errorprone.suppliers.Supplier<Type> STREAM_OBSERVER =
      VisitorState.memoize(state -> state.getTypeFromString(HandlerApi.GRPC_STREAM_OBSERVER));

  private final List<HandlerSupertype> supertypes;
  private final Set<String> methodAnnotations;

  /** A functional handler type on this compilation's class path, with its method's parameter types. */
  private record FunctionalShape(HandlerSupertype handler, List<Type> parameters) {}

  /**
   * The functional handler types, resolved once per compilation: which method may be registered as
   * a handler is asked for every method that calls a method of its class.
   */
  private final com.google.errorprone.suppliers.Supplier<List<FunctionalShape>> functionalShapes;

  public Handlers(Set<String> extraAnnotations, List<HandlerSupertype> extraSupertypes) {
    List<HandlerSupertype> all = new ArrayList<>(HandlerApi.HANDLER_SUPERTYPES);
    all.addAll(extraSupertypes);
    this.supertypes = List.copyOf(all);
    this.functionalShapes = VisitorState.memoize(this::resolveFunctionalShapes);
    Set<String> annotations = new HashSet<>(HandlerApi.HANDLER_METHOD_ANNOTATIONS);
    annotations.addAll(extraAnnotations);
    this.methodAnnotations = Set.copyOf(annotations);
  }

  /**
   * The handler whose body directly contains {@code path}: the nearest enclosing method or lambda,
   * if it is a handler. Null when that is not a handler, or when a class lies in between.
   */
  public Handler enclosingHandler(TreePath path, VisitorState state) {
    TreePath inline = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree lambda) {
        String description = lambdaHandler(lambda, state);
        if (description != null) {
          return new Handler(description, p, inline);
        }
        if (inline == null && isInlineCallback(p)) {
          inline = p; // items.forEach(i -> ..) runs in the handler: look further out
          continue;
        }
        return null;
      }
      if (leaf instanceof MethodTree method) {
        String description = methodHandler(method, state);
        if (description == null) {
          description = referencedAsHandler(method, p, state);
        }
        return description == null ? null : new Handler(description, p, inline);
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /** Whether a lambda is the callback of a {@code forEach}: it runs before the call returns. */
  private static boolean isInlineCallback(TreePath lambda) {
    return lambda.getParentPath().getLeaf() instanceof com.sun.source.tree.MethodInvocationTree call
        && call.getArguments().contains(lambda.getLeaf())
        && ASTHelpers.getSymbol(call) != null
        && HandlerApi.INLINE_CALLBACK_METHODS.contains(ASTHelpers.getSymbol(call).getSimpleName().toString());
  }

  /** How messages name the handler {@code method} declares, or null if it is no handler. */
  public String methodHandler(MethodTree method, VisitorState state) {
    Symbol.MethodSymbol sym = ASTHelpers.getSymbol(method);
    if (sym == null || method.getBody() == null || sym.isStatic()
        || !(sym.owner instanceof Symbol.ClassSymbol owner)) {
      return null;
    }
    for (Attribute.Compound annotation : sym.getRawAttributes()) {
      String annotationName = annotation.type.tsym.getQualifiedName().toString();
      if (methodAnnotations.contains(annotationName)) {
        return "Request handler " + displayName(sym, owner) + " (@" + annotation.type.tsym.getSimpleName() + ")";
      }
      if ((annotationName.equals(HandlerApi.SPRING_REQUEST_MAPPING)
              || hasMetaAnnotation(annotation.type.tsym, HandlerApi.SPRING_REQUEST_MAPPING))
          && isSpringController(owner)) {
        return "Request handler " + displayName(sym, owner) + " (@" + annotation.type.tsym.getSimpleName() + ")";
      }
    }
    Types types = state.getTypes();
    String methodName = sym.getSimpleName().toString();
    for (HandlerSupertype handler : supertypes) {
      if (handler.methodNames().contains(methodName)
          && TypeFacts.isSubtype(owner.type, handler.supertype(), state)
          && !ASTHelpers.findSuperMethods(sym, types).isEmpty()
          && firstParameterMatches(sym.getParameters().isEmpty() ? null : sym.getParameters().get(0).type,
              handler.firstParameterType(), state)) {
        return handler.framework() + " handler " + displayName(sym, owner);
      }
    }
    if (isGrpcServiceMethod(sym, owner, state)) {
      return "gRPC service method " + displayName(sym, owner);
    }
    return null;
  }

  /** {@code Owner.method}, or {@code anonymous Supertype.method}; built only for a handler found. */
  private static String displayName(Symbol.MethodSymbol sym, Symbol.ClassSymbol owner) {
    return owner.getSimpleName().isEmpty()
        ? "anonymous " + firstSupertypeName(owner) + "." + sym.getSimpleName()
        : owner.getSimpleName() + "." + sym.getSimpleName();
  }

  /** How messages name the handler a lambda implements, or null if its type is no handler type. */
  public String lambdaHandler(LambdaExpressionTree lambda, VisitorState state) {
    HandlerSupertype handler = functionalHandlerType(ASTHelpers.getType(lambda), state);
    return handler == null ? null : handler.framework() + " handler lambda (" + simpleName(handler.supertype()) + ")";
  }

  private HandlerSupertype functionalHandlerType(Type type, VisitorState state) {
    if (type == null || type.tsym == null) {
      return null;
    }
    Types types = state.getTypes();
    Symbol.MethodSymbol descriptor;
    try {
      descriptor = (Symbol.MethodSymbol) types.findDescriptorSymbol(type.tsym);
    } catch (RuntimeException notFunctional) {
      return null;
    }
    if (descriptor == null) {
      return null;
    }
    for (HandlerSupertype handler : supertypes) {
      if (handler.methodNames().contains(descriptor.getSimpleName().toString())
          && TypeFacts.isSubtype(type, handler.supertype(), state)) {
        Type first = null;
        try {
          List<Type> parameters = types.findDescriptorType(type).getParameterTypes();
          first = parameters.isEmpty() ? null : parameters.get(0);
        } catch (RuntimeException e) {
          first = null;
        }
        if (firstParameterMatches(first, handler.firstParameterType(), state)) {
          return handler;
        }
      }
    }
    return null;
  }

  /**
   * For a method no declaration makes a handler: whether its class registers it as one through a
   * method reference of a handler type ({@code server.createContext("/x", this::report)}).
   */
  private String referencedAsHandler(MethodTree method, TreePath methodPath, VisitorState state) {
    Symbol.MethodSymbol sym = ASTHelpers.getSymbol(method);
    if (sym == null || method.getBody() == null || !mayImplementFunctionalHandler(sym, state)) {
      return null; // cheap test first: scanning the class for references costs more
    }
    ClassTree outermost = null;
    for (TreePath p = methodPath; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree c) {
        outermost = c;
      }
    }
    if (outermost == null) {
      return null;
    }
    String[] found = new String[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        if (found[0] == null && sym.equals(ASTHelpers.getSymbol(tree))) {
          HandlerSupertype handler = functionalHandlerType(ASTHelpers.getType(tree), state);
          if (handler != null) {
            found[0] =
                handler.framework() + " handler " + sym.owner.getSimpleName() + "." + sym.getSimpleName()
                    + " (registered as " + simpleName(handler.supertype()) + ")";
          }
        }
        return super.visitMemberReference(tree, null);
      }
    }.scan(outermost, null);
    return found[0];
  }

  /** Whether the method's parameters fit the functional method of some handler type. */
  private boolean mayImplementFunctionalHandler(Symbol.MethodSymbol sym, VisitorState state) {
    if (sym.getParameters().isEmpty()) {
      return false;
    }
    Types types = state.getTypes();
    Type first = types.erasure(sym.getParameters().get(0).type);
    for (FunctionalShape shape : functionalShapes.get(state)) {
      if (shape.parameters().size() != sym.getParameters().size()) {
        continue;
      }
      HandlerSupertype handler = shape.handler();
      if (handler.firstParameterType() != null
          ? firstParameterMatches(first, handler.firstParameterType(), state)
          : types.isSameType(types.erasure(shape.parameters().get(0)), first)) {
        return true;
      }
    }
    return false;
  }

  private List<FunctionalShape> resolveFunctionalShapes(VisitorState state) {
    List<FunctionalShape> shapes = new ArrayList<>();
    for (HandlerSupertype handler : supertypes) {
      Type supertype = state.getTypeFromString(handler.supertype());
      if (supertype == null) {
        continue;
      }
      try {
        shapes.add(new FunctionalShape(handler, List.copyOf(state.getTypes().findDescriptorType(supertype).getParameterTypes())));
      } catch (RuntimeException notFunctional) {
        // not a functional interface: registered by subclassing, not by a method reference
      }
    }
    return List.copyOf(shapes);
  }


  private static boolean isGrpcServiceMethod(
      Symbol.MethodSymbol sym, Symbol.ClassSymbol owner, VisitorState state) {
    if (sym.getSimpleName().contentEquals("bindService")
        || (sym.flags() & com.sun.tools.javac.code.Flags.PUBLIC) == 0
        || !(TypeFacts.isSubtype(owner.type, HandlerApi.GRPC_BINDABLE_SERVICE, state) || extendsImplBase(owner))
        || ASTHelpers.findSuperMethods(sym, state.getTypes()).isEmpty()) {
      return false;
    }
    Type observer = STREAM_OBSERVER.get(state);
    if (observer == null) {
      return false;
    }
    for (Symbol.VarSymbol parameter : sym.getParameters()) {
      if (state.getTypes().isSameType(state.getTypes().erasure(parameter.type), state.getTypes().erasure(observer))) {
        return true;
      }
    }
    return false;
  }

  private static boolean extendsImplBase(Symbol.ClassSymbol owner) {
    Type superclass = owner.getSuperclass();
    for (int depth = 0; depth < 10 && superclass != null && superclass.tsym != null; depth++) {
      if (superclass.tsym.getSimpleName().toString().endsWith(HandlerApi.GRPC_IMPL_BASE_SUFFIX)) {
        return true;
      }
      superclass = superclass.tsym instanceof Symbol.ClassSymbol c ? c.getSuperclass() : null;
    }
    return false;
  }

  private static boolean isSpringController(Symbol.ClassSymbol owner) {
    for (Attribute.Compound annotation : owner.getRawAttributes()) {
      if (annotation.type.tsym.getQualifiedName().contentEquals(HandlerApi.SPRING_CONTROLLER)
          || hasMetaAnnotation(annotation.type.tsym, HandlerApi.SPRING_CONTROLLER)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an annotation type carries {@code name}, directly or one level further up. */
  private static boolean hasMetaAnnotation(Symbol.TypeSymbol annotationType, String name) {
    return hasMetaAnnotation(annotationType, name, 2);
  }

  private static boolean hasMetaAnnotation(Symbol.TypeSymbol annotationType, String name, int depth) {
    if (depth == 0 || annotationType == null) {
      return false;
    }
    for (Attribute.Compound meta : annotationType.getRawAttributes()) {
      String metaName = meta.type.tsym.getQualifiedName().toString();
      if (metaName.equals(name)) {
        return true;
      }
      if (!metaName.startsWith("java.lang.annotation.") && hasMetaAnnotation(meta.type.tsym, name, depth - 1)) {
        return true;
      }
    }
    return false;
  }

  private static boolean firstParameterMatches(Type actual, String expected, VisitorState state) {
    if (expected == null) {
      return true;
    }
    if (actual == null) {
      return false;
    }
    Type erased = state.getTypes().erasure(actual);
    return erased.tsym != null && erased.tsym.getQualifiedName().contentEquals(expected);
  }

  private static String firstSupertypeName(Symbol.ClassSymbol owner) {
    List<Type> interfaces = owner.getInterfaces();
    if (!interfaces.isEmpty()) {
      return interfaces.get(0).tsym.getSimpleName().toString();
    }
    Type superclass = owner.getSuperclass();
    return superclass == null || superclass.tsym == null ? "class" : superclass.tsym.getSimpleName().toString();
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
