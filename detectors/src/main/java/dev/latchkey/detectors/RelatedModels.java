package dev.latchkey.detectors;

import dev.latchkey.checks.RelatedClasses;
import dev.latchkey.checks.model.ClassModel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.InnerClass;
import org.apache.bcel.classfile.InnerClasses;
import org.apache.bcel.classfile.JavaClass;

/**
 * The models of the classes whose code shares an analysed class's fields ({@link RelatedClasses}):
 * the classes of its nest, found through the InnerClasses attributes from the top-level class down,
 * and its superclasses, read through the analysis context. SpotBugs visits a nest's classes one
 * after another, so the models of the last few classes are kept and each is built once.
 */
final class RelatedModels {
  /** A nest and a superclass chain or two; an evicted model is simply built again. */
  private static final int RECENT_MODELS = 64;

  private final ClassFacts facts;
  private final Map<String, ClassModel> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ClassModel> eldest) {
          return size() > RECENT_MODELS;
        }
      };

  RelatedModels(ClassFacts facts) {
    this.facts = facts;
  }

  /** The related classes of {@code model} (the analysed {@code cls}) that can be read. */
  List<ClassModel> of(JavaClass cls, ClassModel model) {
    recent.put(cls.getClassName(), model);
    return RelatedClasses.of(model, nestMembers(cls.getClassName()), this::model);
  }

  /** The classes of the nest of {@code className}, from its top-level class's InnerClasses down. */
  private Set<String> nestMembers(String className) {
    String top = RelatedClasses.topLevel(className);
    Set<String> members = new LinkedHashSet<>();
    Deque<String> work = new ArrayDeque<>();
    work.add(top);
    while (!work.isEmpty()) {
      String name = work.poll();
      JavaClass current = facts.lookup(name);
      if (!members.add(name) || current == null) {
        continue;
      }
      for (String inner : innerClasses(current)) {
        if (RelatedClasses.sameNest(inner, top) && !members.contains(inner)) {
          work.add(inner);
        }
      }
    }
    return members;
  }

  private static List<String> innerClasses(JavaClass cls) {
    List<String> names = new java.util.ArrayList<>();
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof InnerClasses inner) {
        for (InnerClass entry : inner.getInnerClasses()) {
          if (entry.getInnerClassIndex() != 0) {
            names.add(
                cls.getConstantPool()
                    .getConstantString(entry.getInnerClassIndex(), Const.CONSTANT_Class)
                    .replace('/', '.'));
          }
        }
      }
    }
    return names;
  }

  /** The model of the class, built once while it is recent; null when it cannot be read. */
  private ClassModel model(String className) {
    ClassModel known = recent.get(className);
    if (known != null) {
      return known;
    }
    JavaClass cls = facts.lookup(className);
    if (cls == null || className.startsWith("java.")) {
      return null;
    }
    ClassModel built = new BytecodeModelBuilder(cls, facts).build(true).model();
    recent.put(className, built);
    return built;
  }
}
