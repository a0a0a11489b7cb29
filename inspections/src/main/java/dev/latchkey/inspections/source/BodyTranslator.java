package dev.latchkey.inspections.source;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.UnparsableStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.MethodModel;
import dev.latchkey.checks.model.Node;
import dev.latchkey.inspections.source.Frames.Finally;
import dev.latchkey.inspections.source.Frames.Frame;
import dev.latchkey.inspections.source.Frames.Handler;
import dev.latchkey.inspections.source.Frames.HandlerFrame;
import dev.latchkey.inspections.source.Frames.JumpFrame;
import dev.latchkey.inspections.source.Frames.Monitor;
import dev.latchkey.inspections.source.Frames.MonitorFrame;
import dev.latchkey.inspections.source.Frames.TryFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Translates the statements of one body (a method, a lambda, an initializer) into the core's model,
 * syntax-directed: each statement is translated from the node where control reaches it and yields
 * the node where it completes normally (null when it never does). What javac's CFG does, this does
 * on the tree: {@code finally} code is translated once per way out of its {@code try}, exceptions
 * go from each throwing node to the handlers that may catch them (by declared and unchecked types)
 * or to the exceptional exit, leaving {@code synchronized} blocks releases their monitor, and code
 * no path reaches (a handler nothing throws into) gets no nodes.
 */
final class BodyTranslator {
  final ClassTranslation cls;
  final MethodModel.Builder model;
  final Expressions expressions;
  private final com.github.javaparser.ast.Node root;
  private final Node exit;
  private List<Frame> frames = new ArrayList<>();
  private final Set<Node> reached = Collections.newSetFromMap(new IdentityHashMap<>());

  BodyTranslator(
      ClassTranslation cls,
      MethodModel.Builder model,
      com.github.javaparser.ast.Node root,
      Node exit) {
    this.cls = cls;
    this.model = model;
    this.root = root;
    this.exit = exit;
    this.expressions = new Expressions(this);
  }

  com.github.javaparser.ast.Node root() {
    return root;
  }

  /** A normal edge; remembers that {@code to} is reached. */
  void edge(Node from, Node to) {
    model.edge(from, to);
    reached.add(to);
  }

  void trueEdge(Node branch, Node to) {
    model.trueEdge(branch, to);
    reached.add(to);
  }

  void falseEdge(Node branch, Node to) {
    model.falseEdge(branch, to);
    reached.add(to);
  }

  /** {@code node} after {@code cur}; the node control is at next. */
  Node append(Node cur, Node node) {
    edge(cur, node);
    return node;
  }

  /** {@code node} when some edge reaches it, else null: nothing completes there. */
  private Node reachedOrNull(Node node) {
    return reached.contains(node) ? node : null;
  }

  // ---- exceptions ---------------------------------------------------------------------------

  /** The exceptional edges of {@code thrower}, which may throw each of {@code thrown}. */
  void throwsFrom(Node thrower, List<String> thrown) {
    for (Node target : deliver(thrown, frames.size() - 1)) {
      model.exceptionalEdge(thrower, target);
      reached.add(target);
    }
  }

  /**
   * Where exceptions of the {@code thrown} types go from inside frame {@code from}: the handlers
   * that may catch them (stopping at one that surely does), a {@code finally} copy, the exceptional
   * exit; leaving a {@code synchronized} block first goes through its monitor's release.
   */
  private List<Node> deliver(List<String> thrown, int from) {
    Set<Node> out = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>(thrown);
    for (int k = from; k >= 0 && !pending.isEmpty(); k--) {
      Frame frame = frames.get(k);
      if (frame instanceof MonitorFrame monitor) {
        Node release = monitorExit(monitor.monitor);
        for (Node next : deliver(pending, k - 1)) {
          edge(release, next);
        }
        out.add(release);
        return new ArrayList<>(out);
      }
      if (frame instanceof TryFrame tryFrame) {
        pending = catchAll(tryFrame, pending, out);
        if (tryFrame.fin != null && !pending.isEmpty()) {
          out.add(exceptionalFinally(tryFrame.fin));
          return new ArrayList<>(out);
        }
      }
    }
    if (!pending.isEmpty()) {
      out.add(model.exceptionalExit());
    }
    return new ArrayList<>(out);
  }

  /**
   * Adds the handlers that may catch each type to {@code out}; returns the types not surely caught.
   */
  private List<String> catchAll(TryFrame frame, List<String> pending, Set<Node> out) {
    List<String> remaining = new ArrayList<>();
    SourceTypes types = cls.types();
    for (String type : pending) {
      boolean surely = false;
      for (Handler handler : frame.handlers) {
        for (String caught : handler.caught) {
          if (types.isSubtype(type, caught)) {
            out.add(handler.node());
            surely = true;
            break;
          }
          if (types.isSubtype(caught, type)) {
            out.add(handler.node());
            break;
          }
        }
        if (surely) {
          break;
        }
      }
      if (!surely) {
        remaining.add(type);
      }
    }
    return remaining;
  }

  /** The copy of {@code fin} an exception runs; it rethrows (as a Throwable) where it ends. */
  private Node exceptionalFinally(Finally fin) {
    if (fin.exceptionalEntry == null) {
      Node entry = model.nop(-1, null);
      fin.exceptionalEntry = entry;
      List<Frame> saved = frames;
      frames = new ArrayList<>(fin.outer);
      try {
        Node end = fin.code.apply(entry);
        if (end != null) {
          for (Node next : deliver(List.of(SourceTypes.THROWABLE), frames.size() - 1)) {
            edge(end, next);
          }
        }
      } finally {
        frames = saved;
      }
    }
    return fin.exceptionalEntry;
  }

  private Node runFinally(Finally fin, Node cur) {
    List<Frame> saved = frames;
    frames = new ArrayList<>(fin.outer);
    try {
      return fin.code.apply(cur);
    } finally {
      frames = saved;
    }
  }

  /** Leaves every frame above index {@code downTo}: releases monitors, runs finally code. */
  private Node leave(Node cur, int downTo) {
    Node at = cur;
    for (int k = frames.size() - 1; k > downTo && at != null; k--) {
      Frame frame = frames.get(k);
      if (frame instanceof MonitorFrame monitor) {
        at = append(at, monitorExit(monitor.monitor));
      } else if (frame instanceof TryFrame tryFrame && tryFrame.fin != null) {
        at = runFinally(tryFrame.fin, at);
      }
    }
    return at;
  }

  private Node monitorExit(Monitor monitor) {
    return model.monitorExit(
        monitor.line(), monitor.lock(), monitor.rootType(), monitor.statement());
  }

  // ---- statements ---------------------------------------------------------------------------

  /** Translates a whole body from {@code start}; control that falls out of it goes to the exit. */
  void body(Statement body, Node start) {
    Node end = statement(body, start);
    if (end != null) {
      edge(end, exit);
    }
  }

  /** The value of an expression lambda's body: evaluated, it escapes, and the lambda returns. */
  void expressionBody(Expression body, Node start) {
    Node end = expressions.eval(body, start);
    end = expressions.escape(body, end, body);
    edge(end, exit);
  }

  Node statement(Statement s, Node cur) {
    if (cur == null) {
      return null; // unreachable: javac rejects such code
    }
    if (s instanceof BlockStmt block) {
      Node at = cur;
      for (Statement child : block.getStatements()) {
        at = statement(child, at);
        if (at == null) {
          return null;
        }
      }
      return at;
    }
    if (s instanceof ExpressionStmt expression) {
      return expressions.statementExpression(expression.getExpression(), cur);
    }
    if (s instanceof IfStmt ifStmt) {
      return ifStatement(ifStmt, cur);
    }
    if (s instanceof ReturnStmt ret) {
      return returnStatement(ret, cur);
    }
    if (s instanceof ThrowStmt throwStmt) {
      return throwStatement(throwStmt, cur);
    }
    if (s instanceof TryStmt tryStmt) {
      return new TryTranslation(this).translate(tryStmt, cur);
    }
    if (s instanceof SynchronizedStmt sync) {
      return synchronizedStatement(sync, cur);
    }
    if (s instanceof WhileStmt
        || s instanceof DoStmt
        || s instanceof ForStmt
        || s instanceof ForEachStmt) {
      return new Loops(this).translate(s, null, cur);
    }
    if (s instanceof LabeledStmt labeled) {
      return labeled(labeled, cur);
    }
    if (s instanceof BreakStmt || s instanceof ContinueStmt) {
      return jump(s, cur);
    }
    if (s instanceof SwitchStmt switchStmt) {
      return switchStatement(switchStmt, cur);
    }
    if (s instanceof YieldStmt yield) {
      return yieldValue(yield, cur);
    }
    if (s instanceof ExplicitConstructorInvocationStmt call) {
      return expressions.constructorCall(call, cur);
    }
    if (s instanceof AssertStmt assertStmt) {
      return assertStatement(assertStmt, cur);
    }
    if (s instanceof UnparsableStmt) {
      throw new UnparsableCode();
    }
    return cur; // empty statements, local class declarations: no events here
  }

  /** Code that does not parse: the body gets no model (and so no finding). */
  static final class UnparsableCode extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnparsableCode() {
      super("the body does not parse", null, false, false);
    }
  }

  private Node ifStatement(IfStmt s, Node cur) {
    Node then = model.nop(-1, null);
    Node otherwise = model.nop(-1, null);
    Node after = model.nop(-1, null);
    expressions.condition(s.getCondition(), cur, then, otherwise);
    Node thenEnd = statement(s.getThenStmt(), reachedOrNull(then));
    if (thenEnd != null) {
      edge(thenEnd, after);
    }
    Node elseEnd =
        s.getElseStmt().isPresent()
            ? statement(s.getElseStmt().get(), reachedOrNull(otherwise))
            : reachedOrNull(otherwise);
    if (elseEnd != null) {
      edge(elseEnd, after);
    }
    return reachedOrNull(after);
  }

  private Node returnStatement(ReturnStmt s, Node cur) {
    Node at = cur;
    if (s.getExpression().isPresent()) {
      Expression value = s.getExpression().get();
      at = expressions.eval(value, at);
      at = expressions.escape(value, at, s);
    }
    Node ret = model.returnAt(Lines.of(s), cls.leavesFinally(s, root), s);
    at = leave(append(at, ret), -1);
    if (at != null) {
      edge(at, exit);
    }
    return null;
  }

  private Node throwStatement(ThrowStmt s, Node cur) {
    Node at = expressions.eval(s.getExpression(), cur);
    Expression thrown = LockPaths.strip(s.getExpression());
    String variable = null;
    String type = null;
    List<String> types = new ArrayList<>();
    if (thrown instanceof NameExpr name && cls.symbols().local(name) != null) {
      variable = name.getNameAsString();
      types.addAll(cls.catchFacts().typesOf(cls.symbols().local(name)));
    } else if (thrown instanceof ObjectCreationExpr creation) {
      type = cls.types().binaryName(cls.types().resolve(creation.getType()));
    }
    // The static type of a cast or of a local, as javac's front-end reports it.
    Expression written = s.getExpression();
    while (written instanceof com.github.javaparser.ast.expr.EnclosedExpr enclosed) {
      written = enclosed.getInner();
    }
    if (type == null
        && (variable != null || written instanceof com.github.javaparser.ast.expr.CastExpr)) {
      type = cls.types().binaryName(cls.types().typeOf(written));
    }
    if (type != null) {
      types.add(type);
    } else if (types.isEmpty()) {
      String staticType = cls.types().binaryName(cls.types().typeOf(s.getExpression()));
      types.add(staticType == null ? SourceTypes.THROWABLE : staticType);
    }
    Node node = model.throwing(Lines.of(s), variable, type, cls.leavesFinally(s, root), s);
    append(at, node);
    throwsFrom(node, types);
    return null;
  }

  private Node assertStatement(AssertStmt s, Node cur) {
    Node after = model.nop(-1, null);
    Node fail = model.nop(-1, null);
    edge(cur, after); // assertions may be disabled
    Node check = model.nop(-1, null);
    edge(cur, check);
    expressions.condition(s.getCheck(), check, after, fail);
    if (reached.contains(fail)) {
      Node at = fail;
      if (s.getMessage().isPresent()) {
        at = expressions.eval(s.getMessage().get(), at);
      }
      Node thrower = model.throwing(Lines.of(s), null, "java.lang.AssertionError", false, s);
      append(at, thrower);
      throwsFrom(thrower, List.of("java.lang.AssertionError"));
    }
    return after;
  }

  private Node synchronizedStatement(SynchronizedStmt s, Node cur) {
    Node at = expressions.eval(s.getExpression(), cur);
    LockPath path = cls.paths().resolve(s.getExpression());
    if (path == null) {
      return statement(s.getBody(), at);
    }
    String shown = LockPaths.strip(s.getExpression()).toString();
    Monitor monitor =
        new Monitor(
            s,
            path,
            cls.paths().rootType(s.getExpression(), path),
            Lines.of(s),
            "synchronized (" + shown + ")");
    at =
        append(
            at, model.monitorEnter(monitor.line(), path, monitor.rootType(), monitor.label(), s));
    frames.add(new MonitorFrame(monitor));
    Node end;
    try {
      end = statement(s.getBody(), at);
    } finally {
      frames.remove(frames.size() - 1);
    }
    return end == null ? null : append(end, monitorExit(monitor));
  }

  private Node labeled(LabeledStmt s, Node cur) {
    Statement inner = s.getStatement();
    String label = s.getLabel().asString();
    if (inner instanceof WhileStmt
        || inner instanceof DoStmt
        || inner instanceof ForStmt
        || inner instanceof ForEachStmt) {
      return new Loops(this).translate(inner, label, cur);
    }
    Node after = model.nop(-1, null);
    Node end =
        inFrame(new JumpFrame(s, label, false, false, after, null), () -> statement(inner, cur));
    if (end != null) {
      edge(end, after);
    }
    return reachedOrNull(after);
  }

  /** Runs {@code translation} with {@code frame} around it. */
  Node inFrame(Frame frame, java.util.function.Supplier<Node> translation) {
    frames.add(frame);
    try {
      return translation.get();
    } finally {
      frames.remove(frames.size() - 1);
    }
  }

  /** {@code break}/{@code continue}: out of the handlers it leaves, through finally code. */
  private Node jump(Statement s, Node cur) {
    boolean isBreak = s instanceof BreakStmt;
    String label =
        (isBreak ? ((BreakStmt) s).getLabel() : ((ContinueStmt) s).getLabel())
            .map(n -> n.asString())
            .orElse(null);
    int target = -1;
    for (int k = frames.size() - 1; k >= 0; k--) {
      if (frames.get(k) instanceof JumpFrame frame
          && (label != null
              ? label.equals(frame.label)
              : (isBreak ? frame.breakable || frame.loop : frame.loop))) {
        target = k;
        break;
      }
    }
    if (target < 0) {
      return null; // not inside its target: code that does not compile
    }
    Node at = cur;
    for (int k = frames.size() - 1; k > target; k--) {
      if (frames.get(k) instanceof HandlerFrame handler) {
        at = append(at, model.catchEnd(handler.catchNode));
      }
    }
    if (cls.leavesFinally(s, root)) {
      at = append(at, model.jump(Lines.of(s), true, s));
    }
    JumpFrame frame = (JumpFrame) frames.get(target);
    at = leave(at, target);
    Node destination = isBreak ? frame.breakTarget : frame.continueTarget;
    if (at != null && destination != null) {
      edge(at, destination);
    }
    return null;
  }

  private Node yieldValue(YieldStmt s, Node cur) {
    Node at = expressions.eval(s.getExpression(), cur);
    for (int k = frames.size() - 1; k >= 0; k--) {
      if (frames.get(k) instanceof JumpFrame frame && frame.statement == null) {
        at = leave(at, k);
        if (at != null) {
          edge(at, frame.breakTarget);
        }
        return null;
      }
    }
    return null;
  }

  private Node switchStatement(SwitchStmt s, Node cur) {
    Node at = expressions.eval(s.getSelector(), cur);
    Node after = model.nop(-1, null);
    Node end =
        inFrame(
            new JumpFrame(s, null, false, true, after, null),
            () -> entries(s.getEntries(), at, after, false));
    if (end != null) {
      edge(end, after);
    }
    return reachedOrNull(after);
  }

  /**
   * The entries of a switch: each reached from the selector; statement groups fall through to the
   * next, arrow entries go to {@code after} (a switch expression's arrow value too).
   */
  Node entries(List<SwitchEntry> entries, Node selector, Node after, boolean isExpression) {
    boolean hasDefault = false;
    Node previous = null;
    for (SwitchEntry entry : entries) {
      if (entry.getLabels().isEmpty() || entry.isDefault()) {
        hasDefault = true;
      }
      Node start = model.nop(-1, null);
      edge(selector, start);
      if (previous != null) {
        edge(previous, start);
      }
      previous = null;
      Node at = start;
      if (entry.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
        for (Statement statement : entry.getStatements()) {
          at = statement(statement, at);
        }
        previous = at;
      } else {
        for (Statement statement : entry.getStatements()) {
          if (isExpression
              && entry.getType() == SwitchEntry.Type.EXPRESSION
              && statement instanceof ExpressionStmt value) {
            at = at == null ? null : expressions.eval(value.getExpression(), at);
          } else {
            at = statement(statement, at);
          }
        }
        if (at != null) {
          edge(at, after);
        }
      }
    }
    if (!hasDefault) {
      edge(selector, after);
    }
    return previous;
  }

  /** The frames of a {@code try} statement; see {@link TryTranslation}. */
  List<Frame> frames() {
    return frames;
  }

  Node reachedNode(Node node) {
    return reachedOrNull(node);
  }

  Node leaveTo(Node cur, int downTo) {
    return leave(cur, downTo);
  }

  Node runFinallyCopy(Finally fin, Node cur) {
    return runFinally(fin, cur);
  }

  /** The finally code of a resource: its {@code close()}. */
  UnaryOperator<Node> closeCode(
      Expression resource, VariableDeclarator variable, TryStmt statement) {
    return cur -> expressions.close(resource, variable, statement, cur);
  }

  /** For a declaration statement in a resource list. */
  static List<VariableDeclarator> declared(Expression resource) {
    return resource instanceof VariableDeclarationExpr declaration
        ? declaration.getVariables()
        : List.of();
  }

  /** A catch clause's handler for a try statement being translated. */
  Handler handler(CatchClause clause, TryStmt statement) {
    List<String> caught = cls.catchFacts().caughtTypes(clause);
    return new Handler(
        caught,
        () -> model.catchEntry(Lines.of(clause), cls.catchFacts().of(clause, statement), clause));
  }
}
