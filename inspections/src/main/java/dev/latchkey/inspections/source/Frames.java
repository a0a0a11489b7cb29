package dev.latchkey.inspections.source;

import com.github.javaparser.ast.stmt.Statement;
import dev.latchkey.checks.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The statements around the code being translated that change where control goes when it leaves
 * abruptly: {@code try} statements (their handlers and {@code finally} code), {@code synchronized}
 * blocks (their monitor is released), {@code catch} bodies (left by a jump: CATCH_END), and the
 * targets of {@code break}, {@code continue} and {@code yield}.
 */
final class Frames {
  private Frames() {}

  /** One enclosing statement that matters for abrupt completion. */
  abstract static sealed class Frame permits TryFrame, MonitorFrame, HandlerFrame, JumpFrame {}

  /**
   * The code of a {@code finally} block (or the {@code close()} of a resource): translated once per
   * way out of the {@code try}, with the frames outside the {@code try} around it.
   */
  static final class Finally {
    final UnaryOperator<Node> code;
    final List<Frame> outer;

    /** The copy run when an exception leaves the {@code try}; made the first time one does. */
    Node exceptionalEntry;

    Finally(UnaryOperator<Node> code, List<Frame> outer) {
      this.code = code;
      this.outer = new ArrayList<>(outer);
    }
  }

  /**
   * A catch clause of a {@code try}: the types it catches and its CATCH node, made when reached.
   */
  static final class Handler {
    final List<String> caught;
    private final java.util.function.Supplier<Node> make;
    private Node node;

    Handler(List<String> caught, java.util.function.Supplier<Node> make) {
      this.caught = caught;
      this.make = make;
    }

    Node node() {
      if (node == null) {
        node = make.get();
      }
      return node;
    }

    /** The CATCH node, or null when no exception reaches the handler. */
    Node nodeIfReached() {
      return node;
    }
  }

  /** A {@code try}: its handlers (none while its catch bodies run) and its finally code. */
  static final class TryFrame extends Frame {
    final List<Handler> handlers;
    final Finally fin;

    TryFrame(List<Handler> handlers, Finally fin) {
      this.handlers = handlers;
      this.fin = fin;
    }
  }

  /** A {@code synchronized} block whose lock has a path. */
  static final class MonitorFrame extends Frame {
    final Monitor monitor;

    MonitorFrame(Monitor monitor) {
      this.monitor = monitor;
    }
  }

  /** The body of a catch clause. */
  static final class HandlerFrame extends Frame {
    final Node catchNode;

    HandlerFrame(Node catchNode) {
      this.catchNode = catchNode;
    }
  }

  /** A statement a jump can target: a loop, a switch, a labeled statement. */
  static final class JumpFrame extends Frame {
    final Statement statement;
    final String label;
    final boolean loop;
    final boolean breakable;
    final Node breakTarget;
    final Node continueTarget;

    JumpFrame(
        Statement statement,
        String label,
        boolean loop,
        boolean breakable,
        Node breakTarget,
        Node continueTarget) {
      this.statement = statement;
      this.label = label;
      this.loop = loop;
      this.breakable = breakable;
      this.breakTarget = breakTarget;
      this.continueTarget = continueTarget;
    }
  }

  /** A {@code synchronized} block's lock, as the model names it. */
  record Monitor(
      com.github.javaparser.ast.stmt.SynchronizedStmt statement,
      dev.latchkey.checks.model.LockPath lock,
      String rootType,
      int line,
      String label) {}
}
