"""Writes a generated Java class of one shape and size for bench/run: Shape.java in the given
directory. Shapes: nested (try/finally with a distinct lock per level, n levels) and sequential
(n lock regions one after the other on one lock, in one method)."""
import sys, os
shape, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
L = []
L.append("package gen;\nimport java.util.concurrent.locks.ReentrantLock;\npublic class Shape {")
if shape == "nested":
    for i in range(n): L.append(f"  private final ReentrantLock l{i} = new ReentrantLock();")
    L.append("  private int count;\n  void deep() {")
    for i in range(n):
        ind = "  " * (i + 2)
        L.append(f"{ind}l{i}.lock();\n{ind}try {{\n{ind}  count++;")
    for i in reversed(range(n)):
        ind = "  " * (i + 2)
        L.append(f"{ind}}} finally {{\n{ind}  l{i}.unlock();\n{ind}}}")
    L.append("  }")
elif shape == "sequential":
    L.append("  private final ReentrantLock lock = new ReentrantLock();\n  private int count;\n  void many() {")
    for i in range(n):
        L.append(f"    lock.lock();\n    try {{\n      count += {i};\n    }} finally {{\n      lock.unlock();\n    }}")
    L.append("  }")
L.append("}")
open(os.path.join(out, "Shape.java"), "w").write("\n".join(L) + "\n")
