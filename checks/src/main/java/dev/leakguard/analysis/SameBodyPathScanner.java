package dev.leakguard.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreePathScanner;

/**
 * A path scanner over the code that runs right here: it does not enter lambdas or nested classes,
 * whose bodies run later, elsewhere, or never. {@link SameBodyScanner} is the same without paths.
 */
public abstract class SameBodyPathScanner<R, P> extends TreePathScanner<R, P> {
  @Override
  public R visitLambdaExpression(LambdaExpressionTree tree, P p) {
    return null;
  }

  @Override
  public R visitClass(ClassTree tree, P p) {
    return null;
  }
}
