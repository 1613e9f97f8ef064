"""The one list of katas, in syllabus order: number, module, title and hints.

`make kata`, `make list`, the hints and the self-check all read this table. A new kata is one
entry here, its reference in solutions/, its generated stub and its test module in katas/.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kata:
    number: int
    module: str
    title: str
    hints: tuple

    @property
    def file(self):
        """The learner's file, relative to the repository root."""
        return f"katas/{self.module}.py"

    @property
    def test_file(self):
        return f"katas/test_{self.module}.py"

    @property
    def solution_file(self):
        return f"solutions/{self.module}.py"


KATAS = (
    Kata(
        1,
        "k01_numeric_derivative",
        "Numeric derivative",
        hints=(
            "Translate the lesson's formula literally: f(x + dx) − f(x), divided by dx. "
            "Use the dx you are given, not 0.01 written out.",
            "The central difference evaluates f on both sides, f(x + dx) and f(x − dx), and "
            "the two points are 2·dx apart.",
            "Check dx before dividing: math.isfinite(dx) is False for inf and nan, and dx == 0 "
            "catches zero. Raise ValueError with a message that says what dx was.",
        ),
    ),
)


def find(number):
    """The kata with this number, or None."""
    return next((kata for kata in KATAS if kata.number == number), None)
