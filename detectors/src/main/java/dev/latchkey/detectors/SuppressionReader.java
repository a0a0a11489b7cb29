package dev.latchkey.detectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.ArrayElementValue;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ElementValue;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.EnclosingMethod;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.InnerClass;
import org.apache.bcel.classfile.InnerClasses;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * The {@code @SuppressFBWarnings} values (CLASS retention: {@code RuntimeInvisibleAnnotations})
 * that apply to a method: on the method itself; for a lambda body, on the method (or the field)
 * whose code holds the lambda expression; on its class; and on every enclosing method and class
 * when the class is nested, local or anonymous. An annotation without a value suppresses every
 * check ({@code "*"}). {@code java.lang.SuppressWarnings} has SOURCE retention and never reaches
 * bytecode; neither do annotations on local variables.
 */
final class SuppressionReader {
  static final String SUPPRESS_FB_WARNINGS = "Ledu/umd/cs/findbugs/annotations/SuppressFBWarnings;";

  /**
   * One annotation on a declaration.
   *
   * @param owner the annotated class, or the annotated member's class
   * @param method the annotated method, or null
   * @param field the annotated field (that a lambda initialises), or null
   * @param values the suppressed check ids; {@code "*"} when the annotation has no value
   * @param everything whether the annotation has no value (SpotBugs then suppresses everything; a
   *     literal {@code "*"} it does not understand)
   */
  record Site(
      JavaClass owner, Method method, Field field, List<String> values, boolean everything) {}

  private final JavaClass cls;
  private final ClassFacts facts;
  private final Map<String, LambdaSites> lambdaSites = new HashMap<>();

  SuppressionReader(JavaClass cls, ClassFacts facts) {
    this.cls = cls;
    this.facts = facts;
  }

  /** The annotations around {@code method}, innermost first. */
  List<Site> sitesFor(Method method) {
    List<Site> sites = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    addMethodChain(cls, method, sites, seen);
    addClassChain(cls, sites, seen, 0);
    return sites;
  }

  /** Every suppressed value that applies to {@code method}. */
  Set<String> suppressionsFor(Method method) {
    Set<String> values = new HashSet<>();
    for (Site site : sitesFor(method)) {
      values.addAll(site.values());
    }
    return values;
  }

  /** The method, and for a lambda body the member whose code creates it, and so on outwards. */
  private void addMethodChain(JavaClass owner, Method method, List<Site> sites, Set<String> seen) {
    Method current = method;
    while (current != null && seen.add(owner.getClassName() + "#" + LambdaSites.key(current))) {
      addSites(owner, current, null, current.getAnnotationEntries(), sites);
      if (!LambdaSites.isLambdaBody(current)) {
        return;
      }
      LambdaSites.Site site = lambdaSites(owner).site(current);
      if (site == null) {
        return;
      }
      if (site.field() != null) {
        // A field initialiser: the field's annotations, not the constructor's.
        for (Field field : owner.getFields()) {
          if (field.getName().equals(site.field())) {
            addSites(owner, null, field, field.getAnnotationEntries(), sites);
          }
        }
        return;
      }
      current = site.creator();
    }
  }

  private LambdaSites lambdaSites(JavaClass owner) {
    return lambdaSites.computeIfAbsent(owner.getClassName(), name -> new LambdaSites(owner));
  }

  private void addClassChain(JavaClass current, List<Site> sites, Set<String> seen, int depth) {
    if (current == null || depth > 16 || !seen.add(current.getClassName())) {
      return;
    }
    addSites(current, null, null, current.getAnnotationEntries(), sites);
    for (Attribute attribute : current.getAttributes()) {
      if (attribute instanceof EnclosingMethod enclosing) {
        // A local or anonymous class: the method around it, then that method's class.
        ConstantPool constants = current.getConstantPool();
        JavaClass outer =
            facts.lookup(className(enclosing.getEnclosingClass().getBytes(constants)));
        if (outer != null && enclosing.getEnclosingMethodIndex() != 0) {
          ConstantNameAndType nameAndType = enclosing.getEnclosingMethod();
          String key = nameAndType.getName(constants) + nameAndType.getSignature(constants);
          for (Method candidate : outer.getMethods()) {
            if (LambdaSites.key(candidate).equals(key)) {
              addMethodChain(outer, candidate, sites, seen);
            }
          }
        }
        addClassChain(outer, sites, seen, depth + 1);
        return;
      }
    }
    String outerName = memberOuterClass(current);
    if (outerName != null) {
      addClassChain(facts.lookup(outerName), sites, seen, depth + 1);
    }
  }

  /** The class a member (not local, not anonymous) nested class is declared in. */
  static String memberOuterClass(JavaClass current) {
    InnerClass entry = innerClassEntry(current);
    if (entry == null || entry.getOuterClassIndex() == 0) {
      return null;
    }
    return className(
        current
            .getConstantPool()
            .getConstantString(entry.getOuterClassIndex(), Const.CONSTANT_Class));
  }

  /** Whether {@code current} is an anonymous class (its InnerClasses entry has no name). */
  static boolean isAnonymous(JavaClass current) {
    InnerClass entry = innerClassEntry(current);
    return entry != null && entry.getInnerNameIndex() == 0;
  }

  private static InnerClass innerClassEntry(JavaClass current) {
    for (Attribute attribute : current.getAttributes()) {
      if (attribute instanceof InnerClasses inner) {
        ConstantPool constants = current.getConstantPool();
        for (InnerClass entry : inner.getInnerClasses()) {
          if (entry.getInnerClassIndex() == 0) {
            continue;
          }
          String innerName =
              className(
                  constants.getConstantString(entry.getInnerClassIndex(), Const.CONSTANT_Class));
          if (innerName.equals(current.getClassName())) {
            return entry;
          }
        }
      }
    }
    return null;
  }

  private static void addSites(
      JavaClass owner,
      Method method,
      Field field,
      AnnotationEntry[] annotations,
      List<Site> sites) {
    for (AnnotationEntry annotation : annotations) {
      if (!SUPPRESS_FB_WARNINGS.equals(annotation.getAnnotationType())) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (ElementValuePair pair : annotation.getElementValuePairs()) {
        if (pair.getNameString().equals("value")) {
          ElementValue value = pair.getValue();
          if (value instanceof ArrayElementValue array) {
            for (ElementValue element : array.getElementValuesArray()) {
              values.add(element.stringifyValue());
            }
          } else {
            values.add(value.stringifyValue());
          }
        }
      }
      boolean everything = values.isEmpty() || values.remove("");
      values.removeIf(String::isEmpty);
      if (everything) {
        values.add("*");
      }
      sites.add(new Site(owner, method, field, List.copyOf(values), everything));
    }
  }

  private static String className(String internal) {
    return internal.replace('/', '.');
  }
}
