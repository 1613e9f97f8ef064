"""Generate the learner's stubs in katas/ from the references in solutions/.

A reference marks what the learner writes with fences:

        # BEGIN SOLUTION
        return (f(x + dx) - f(x)) / dx
        # END SOLUTION

The stub is the same file with each fenced block replaced by a NotImplementedError that names the
kata, the function and the file to edit. Lesson, signatures and docstrings are shared, so stub and
reference cannot drift. `make stubs` (files.write_stub) rewrites katas/ from solutions/, backing up
any kata file that is not a stub (that could be a learner's work).
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^(?P<indent>[ \t]*)# (?P<edge>BEGIN|END) SOLUTION[ \t]*$")
# What a stub raises; the Korean stub says it in Korean (runner.po), with the same start.
STUB_MESSAGE = "kata {number} · {function}() is not written yet — edit {file}"


def _enclosing_function(tree, line):
    """The qualified name (`Mul.backward`) of the innermost def around a line number."""
    best, best_name = None, None

    def visit(node, prefix):
        nonlocal best, best_name
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                if child.lineno <= line <= child.end_lineno and not isinstance(child, ast.ClassDef):
                    if best is None or child.lineno >= best.lineno:
                        best, best_name = child, name
                visit(child, f"{name}.")

    visit(tree, "")
    return best_name


def make_stub(source, module, message=STUB_MESSAGE):
    """The stub text for a reference module's source (module is e.g. "k01_numeric_derivative");
    message is STUB_MESSAGE or its translation."""
    number = int(module[1:3])
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    out, inside = [], None
    for lineno, line in enumerate(lines, start=1):
        fence = FENCE.match(line)
        if fence and fence["edge"] == "BEGIN":
            if inside is not None:
                raise ValueError(f"{module}.py:{lineno}: BEGIN SOLUTION inside another fence")
            function = _enclosing_function(tree, lineno)
            if function is None:
                raise ValueError(f"{module}.py:{lineno}: a fence must sit inside a function")
            inside = lineno
            said = message.format(number=number, function=function, file=f"katas/{module}.py")
            out.append(f'{fence["indent"]}raise NotImplementedError("{said}")\n')
        elif fence:
            if inside is None:
                raise ValueError(f"{module}.py:{lineno}: END SOLUTION without BEGIN")
            inside = None
        elif inside is None:
            out.append(line)
    if inside is not None:
        raise ValueError(f"{module}.py:{inside}: BEGIN SOLUTION is never closed")
    return "".join(out)


def fenced_functions(source):
    """{qualified name: the def's source without its docstring} for every function with a fence."""
    tree = ast.parse(source)
    lines = source.splitlines()
    names = {_enclosing_function(tree, number) for number, line in enumerate(lines, start=1)
             if FENCE.match(line) and "BEGIN" in line}
    return {name: text for name, text in functions(source).items() if name in names}


def functions(source):
    """{qualified name: source without the docstring and without fence lines} of every def in a module."""
    tree = ast.parse(source)
    lines = source.splitlines()
    found = {}

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = child.body
                documented = ast.get_docstring(child) is not None and len(body) > 1
                head = lines[child.lineno - 1:body[0].lineno - 1]  # the def line(s), up to the body
                code = lines[body[1 if documented else 0].lineno - 1:child.end_lineno]
                found[f"{prefix}{child.name}"] = "\n".join(line for line in head + code if not FENCE.match(line))

    visit(tree, "")
    return found
