package androidx.annotation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A copy of AndroidX's {@code @GuardedBy} (same name, targets and CLASS retention) for the race
 * fixtures: the real one ships in {@code androidx.annotation:annotation}, which is published on
 * Google's Maven repository, not on Maven Central.
 */
@Retention(CLASS)
@Target({FIELD, METHOD})
public @interface GuardedBy {
  String value();
}
