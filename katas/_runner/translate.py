"""A kata file in either language: the same code, with its text (lesson, docstrings, comments, the
demo's strings) taken from the kata's catalogue.

The text of a kata file, the units a translation replaces:
    the lesson              the module docstring (between its quotes)
    each docstring          of every def and class, by qualified name
    each comment            a comment line outside the demo; a `# %% Title` cell marker gives "Title"
    the demo's strings      every string literal in `if __name__ == "__main__":` (its source, quotes and
                            f prefix included: a translation keeps the {fields}) and its comments
Code is never a unit. Rendering a stub in Korean replaces each unit by its catalogue entry; switching a
file the learner has edited replaces only the units whose text is one the repository wrote.
"""

import ast
import io
import re
import tokenize

CELL = re.compile(r"^# %%(?P<rest>.*)$")
PLAIN = {"# BEGIN SOLUTION", "# END SOLUTION", "# %%", "# %% [markdown]"}
NOT_TEXT = re.compile(r"^[^A-Za-z가-힣]*$|^[<>^=]?[+\- ]?[#0]?\d*[,_]?(\.\d+)?[a-zA-Z%]?$")  # "", ".12f", "g"


def _offsets(source):
    """Offset of the start of each line (1-based line numbers)."""
    starts, total = [0, 0], 0
    for line in source.splitlines(keepends=True):
        total += len(line)
        starts.append(total)
    return starts


def _demo(tree):
    """The top-level `if __name__ == "__main__":` node, or None."""
    for node in tree.body:
        if (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
                and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__"):
            return node
    return None


def _docstring_node(node):
    body = getattr(node, "body", None)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        return body[0].value
    return None


def _inside_quotes(text):
    """(offset of the content, its end) in a string literal's source text."""
    match = re.match(r"(?is)^[rbuf]*(\"\"\"|'''|\"|')", text)
    quote = match.group(1)
    return match.end(), len(text) - len(quote)


def units(source):
    """[(key, start, end, text)]: every piece of text in a kata file, where it is and what it says.

    key names the unit independently of its text: ("doc", qualified name; "" for the lesson),
    ("comment", n) for the n-th comment outside the demo, ("demo", n) for the demo's n-th string or
    comment. text is source[start:end]."""
    tree = ast.parse(source)
    starts = _offsets(source)
    found = []

    lines = source.splitlines(keepends=True)

    def column(line, byte):  # ast counts columns in UTF-8 bytes
        return len(lines[line - 1].encode("utf-8")[:byte].decode("utf-8"))

    def span(node):
        return (starts[node.lineno] + column(node.lineno, node.col_offset),
                starts[node.end_lineno] + column(node.end_lineno, node.end_col_offset))

    def docstrings(node, prefix):
        doc = _docstring_node(node)
        if doc is not None:
            start, end = span(doc)
            inner, outer = _inside_quotes(source[start:end])
            found.append((("doc", prefix.rstrip(".")), start + inner, start + outer))
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                docstrings(child, f"{prefix}{child.name}.")

    docstrings(tree, "")
    demo = _demo(tree)
    demo_lines = range(demo.lineno, demo.end_lineno + 1) if demo else range(0)
    if demo is not None:
        literals = []

        def visit(node):
            if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                literals.append(node)
                return
            for child in ast.iter_child_nodes(node):
                visit(child)

        for statement in demo.body:
            visit(statement)
        for node in literals:
            start, end = span(node)
            text = source[start:end]
            value = node.value if isinstance(node, ast.Constant) else ""
            if isinstance(node, ast.Constant) and NOT_TEXT.match(value):
                continue
            found.append((("demo", start), start, end))
    comments, demo_comments = 0, 0
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT or token.string.strip() in PLAIN or "noqa" in token.string:
            continue
        line, column = token.start
        start = starts[line] + column
        cell = CELL.match(token.string)
        if cell:
            skip = len("# %%") + len(cell["rest"]) - len(cell["rest"].lstrip())
        else:
            skip = 1 + (len(token.string) > 1 and token.string[1] == " ")
        if line in demo_lines:
            found.append((("demo", start), start + skip, start + len(token.string)))
            demo_comments += 1
        else:
            found.append((("comment", comments), start + skip, start + len(token.string)))
            comments += 1
    found.sort(key=lambda unit: unit[1])
    demo_index = 0
    result = []
    for key, start, end in found:
        if key[0] == "demo":
            key = ("demo", demo_index)
            demo_index += 1
        result.append((key, start, end, source[start:end]))
    return result


def messages(source):
    """The texts of a kata file a catalogue translates, in order, each once."""
    seen = []
    for _, _, _, text in units(source):
        if text not in seen:
            seen.append(text)
    return seen


def render(source, translate):
    """source with every unit's text replaced by translate(text) (which returns it unchanged when it
    has no translation)."""
    out, last = [], 0
    for _, start, end, text in units(source):
        out.append(source[last:start])
        out.append(translate(text))
        last = end
    out.append(source[last:])
    return "".join(out)


def switch(current, stubs, target):
    """The learner's file `current` with its text in the target language, its code untouched.

    stubs maps each language to the stub generated in it. The lesson and each docstring are replaced
    when their text is that unit's text in one of the stubs, a comment when its text is one of the
    stubs' comments, and the demo when it is, as a whole, one of the stubs' demos: what the repository
    wrote changes, what the learner wrote stays byte for byte. Returns (new text, the number of
    docstrings and comments left alone because the learner changed them)."""
    wanted, known, comments = {}, {}, {}
    for language, stub in stubs.items():
        for key, _, _, text in units(stub):
            known.setdefault(key, set()).add(text)
            if language == target:
                wanted[key] = text
    for stub in stubs.values():
        for key, _, _, text in units(stub):
            if key[0] == "comment":
                comments[text] = wanted[key]
    demos = {_demo_span(stub, None) for stub in stubs.values()}
    demo = _demo_span(current)
    out, last, kept = [], 0, 0
    for key, start, end, text in units(current):
        if key[0] == "demo":
            continue
        if key[0] == "doc" and key in wanted and text in known[key]:
            replacement = wanted[key]
        elif key[0] == "comment" and text in comments:
            replacement = comments[text]
        else:
            kept += key[0] == "doc" and key in wanted and text != wanted[key]
            continue
        out.append(current[last:start])
        out.append(replacement)
        last = end
    if demo is not None and current[demo[0]:demo[1]] in demos:
        start, end = _demo_span(stubs[target])
        out.append(current[last:demo[0]])
        out.append(stubs[target][start:end])
        last = demo[1]
    out.append(current[last:])
    return "".join(out), kept


def _demo_span(source, as_span=True):
    """(start, end) of the demo block in source, or its text when as_span is None; None if absent."""
    demo = _demo(ast.parse(source))
    if demo is None:
        return None
    starts = _offsets(source)
    start, end = starts[demo.lineno], starts[demo.end_lineno + 1]
    return (start, end) if as_span else source[start:end]


def functions_code(source):
    """The code of a kata file with its text left out (an AST dump without docstrings or strings of the
    demo): two renderings of one stub in two languages have the same."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        doc = _docstring_node(node) if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) else None
        if doc is not None:
            doc.value = ""
    demo = _demo(tree)
    if demo is not None:
        tree.body.remove(demo)
    return ast.dump(tree)
