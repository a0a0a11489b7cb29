package dev.latchkey.checks.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Canonical name of a lock, the same in every front-end: a root ({@code this}, a local variable or
 * parameter by name, or a class for static members) followed by selectors: fields ({@code .lock}),
 * no-argument method calls ({@code .getLock()}) and read/write views ({@code #read}, {@code
 * #write}).
 *
 * <p>Examples: {@code this.lock}, {@code com.acme.Cache.LOCK}, {@code this.rw#read}, {@code lock},
 * {@code this.getLock()}.
 */
public final class LockPath {
  /** What the path starts from. */
  public enum RootKind {
    THIS,
    /** The enclosing instance of an inner or anonymous class ({@code Outer.this}). */
    OUTER,
    LOCAL,
    STATIC
  }

  private final RootKind rootKind;
  private final String root;
  private final List<String> selectors;
  // Paths are keys of every lock-state fact: hashing them once keeps fact sets cheap.
  private final int hash;

  private LockPath(RootKind rootKind, String root, List<String> selectors) {
    this.rootKind = rootKind;
    this.root = root;
    this.selectors = List.copyOf(selectors);
    this.hash = Objects.hash(rootKind.ordinal(), root, this.selectors);
  }

  public static LockPath ofThis() {
    return new LockPath(RootKind.THIS, "this", List.of());
  }

  /**
   * The enclosing instance of an inner, local or anonymous class: {@code Outer.this} in source,
   * {@code this.this$0} in bytecode. {@code className} is the binary name of the enclosing class.
   */
  public static LockPath ofOuter(String className) {
    return new LockPath(RootKind.OUTER, Objects.requireNonNull(className), List.of());
  }

  /** A local variable or parameter. */
  public static LockPath ofLocal(String name) {
    return new LockPath(RootKind.LOCAL, Objects.requireNonNull(name), List.of());
  }

  /** A static field of the class with the given binary name ({@code pkg.Outer$Inner}). */
  public static LockPath ofStaticField(String className, String field) {
    return new LockPath(RootKind.STATIC, Objects.requireNonNull(className), List.of("." + field));
  }

  /** The class literal {@code Foo.class}, a monitor. */
  public static LockPath ofClassLiteral(String className) {
    return new LockPath(RootKind.STATIC, className, List.of(".class"));
  }

  public LockPath field(String name) {
    return append("." + name);
  }

  /** A call of a no-argument method, such as {@code getLock()}. */
  public LockPath call(String methodName) {
    return append("." + methodName + "()");
  }

  /** The read or write view of a read/write lock. */
  public LockPath view(LockView view) {
    return append("#" + view.suffix());
  }

  private LockPath append(String selector) {
    List<String> longer = new ArrayList<>(selectors);
    longer.add(selector);
    return new LockPath(rootKind, root, longer);
  }

  public RootKind rootKind() {
    return rootKind;
  }

  /** {@code this}, the local's name, or the binary class name. */
  public String root() {
    return root;
  }

  /** The selectors after the root, in order: {@code .lock}, {@code .getLock()}, {@code #read}. */
  public List<String> selectors() {
    return selectors;
  }

  /** The view this path names, or null when it is not a read/write view. */
  public LockView view() {
    if (selectors.isEmpty()) {
      return null;
    }
    return LockView.bySuffix(selectors.get(selectors.size() - 1));
  }

  /** The read/write lock a view belongs to ({@code this.rw} for {@code this.rw#read}), or null. */
  public LockPath viewOwner() {
    if (view() == null) {
      return null;
    }
    return new LockPath(rootKind, root, selectors.subList(0, selectors.size() - 1));
  }

  /**
   * The object this path selects from: {@code other} for {@code other.balance}, {@code this.next}
   * for {@code this.next.value}; the path itself when it has no selector.
   */
  public LockPath parent() {
    return selectors.isEmpty()
        ? this
        : new LockPath(rootKind, root, selectors.subList(0, selectors.size() - 1));
  }

  /**
   * This path as the object {@code prefix} sees it: {@code other.lock#read} relative to {@code
   * other} is {@code this.lock#read}, {@code other} itself is {@code this}; null when this path
   * does not start with {@code prefix}.
   */
  public LockPath relativeTo(LockPath prefix) {
    int n = prefix.selectors.size();
    if (rootKind != prefix.rootKind
        || !root.equals(prefix.root)
        || selectors.size() < n
        || !selectors.subList(0, n).equals(prefix.selectors)) {
      return null;
    }
    return new LockPath(RootKind.THIS, "this", selectors.subList(n, selectors.size()));
  }

  /** This path with its root replaced by {@code newRoot}: {@code this.a} rebased on {@code x.b}. */
  public LockPath rebase(LockPath newRoot) {
    List<String> joined = new ArrayList<>(newRoot.selectors);
    joined.addAll(selectors);
    return new LockPath(newRoot.rootKind, newRoot.root, joined);
  }

  /**
   * This path with its leading {@code prefix} replaced by {@code replacement} ({@code from.lock}
   * with {@code from} replaced by {@code this}: {@code this.lock}); null when it does not start
   * with {@code prefix}.
   */
  public LockPath replacePrefix(LockPath prefix, LockPath replacement) {
    if (rootKind != prefix.rootKind
        || !root.equals(prefix.root)
        || selectors.size() < prefix.selectors.size()
        || !selectors.subList(0, prefix.selectors.size()).equals(prefix.selectors)) {
      return null;
    }
    List<String> joined = new ArrayList<>(replacement.selectors);
    joined.addAll(selectors.subList(prefix.selectors.size(), selectors.size()));
    return new LockPath(replacement.rootKind, replacement.root, joined);
  }

  private static String simpleName(String binaryName) {
    String name = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    return name.substring(name.lastIndexOf('$') + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LockPath other
        && hash == other.hash
        && rootKind == other.rootKind
        && root.equals(other.root)
        && selectors.equals(other.selectors);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** As a message names it: "the write lock of refreshLock", "pool" ({@link DisplayNames#path}). */
  public String displayName() {
    return DisplayNames.path(this);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (rootKind == RootKind.STATIC) {
      text.append(simpleName(root));
    } else if (rootKind == RootKind.OUTER) {
      text.append(simpleName(root)).append(".this");
    } else {
      text.append(root);
    }
    selectors.forEach(text::append);
    return text.toString();
  }
}
