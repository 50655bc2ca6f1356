package dev.leakguard.config;

import dev.leakguard.model.HandlerApi.HandlerSupertype;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code HandlerLeaksBackgroundTask}, parsed once by {@link LeakGuardOptions#from}.
 *
 * @param extraAnnotations fully qualified annotations that make a method a request handler
 * @param extraSupertypes supertypes whose named methods (and lambdas of which) are request handlers
 * @param checkSharedExecutors whether one-shot tasks on executors that outlive the request (fields,
 *     parameters, injected) are checked too; off by default
 */
public record HandlerOptions(
    Set<String> extraAnnotations, List<HandlerSupertype> extraSupertypes, boolean checkSharedExecutors) {
  public HandlerOptions {
    extraAnnotations = Set.copyOf(extraAnnotations);
    extraSupertypes = List.copyOf(extraSupertypes);
  }
}
