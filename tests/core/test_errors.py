"""Core errors are translatable: a literal English template, its values by keyword; str() stays English."""

from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

import numpy as np
import pytest

import mnist_desk
from mnist_desk.core.errors import ConfigError, DataError, ImageError, MnistDeskError, WeightsError, Word

SOURCE = Path(mnist_desk.__file__).parent  # the core, and the UI code that raises core errors


def error_classes(trees: list[ast.Module]) -> set[str]:
    names = {"MnistDeskError"}
    while True:
        found = {node.name for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                 and any(getattr(base, "id", getattr(base, "attr", "")) in names for base in node.bases)}
        if found <= names:
            return names
        names |= found


def fields(template: str) -> set[str]:
    """The names a str.format template needs ({path}, {size:,}, {name!r} → path, size, name)."""
    found = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None:  # "" for a positional {}: never a keyword, so reported
            found.add(field.split(".")[0].split("[")[0])
    return found


def problems_in(source: str, where: str, classes: set[str]) -> list[str]:
    """What is wrong with the error calls in ``source`` (empty when every one is translatable)."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name not in classes and name != "Word":
            continue
        at = f"{where}:{node.lineno} {name}()"
        first = node.args[0] if node.args else None
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            problems.append(f"{at}: the text is not a literal ({type(first).__name__})")
            continue
        if len(node.args) != 1:
            problems.append(f"{at}: values must be passed by keyword")
        if name == "Word":
            continue
        keywords = {k.arg for k in node.keywords}
        if None in keywords:
            problems.append(f"{at}: **values cannot be checked")
        elif fields(first.value) != keywords:
            problems.append(f"{at}: fields {sorted(fields(first.value))} but values {sorted(keywords)}")
    return problems


def test_every_core_error_has_a_literal_template_and_its_values_by_name():
    paths = sorted(SOURCE.rglob("*.py"))
    sources = {path: path.read_text(encoding="utf-8") for path in paths}
    classes = error_classes([ast.parse(text) for text in sources.values()])
    assert {"DataError", "WeightsError", "ImageError", "ConfigError"} <= classes
    problems = [p for path, text in sources.items() for p in problems_in(text, str(path.relative_to(SOURCE)), classes)]
    assert not problems, "\n".join(problems)
    calls = sum(text.count("Error(") for path, text in sources.items() if "core" in path.relative_to(SOURCE).parts)
    assert calls > 70  # the check above really saw the core's raises


@pytest.mark.parametrize("code", [
    'raise ImageError(f"{path} is empty.")',  # an f-string: no template for translators
    'raise ImageError("{path} is " + what)',  # glued together
    'raise ImageError("%s is empty." % path)',
    'raise ImageError(message)',
    'raise ImageError("{path} is empty.")',  # a field without its value
    'raise ImageError("The picture is empty.", path=path)',  # a value without its field
    'raise ImageError("{path} is {size:,} bytes.", path=path, **extra)',
    'raise ImageError("{} is empty.", path)',
    'name = Word(label)',
])
def test_the_check_finds_what_translators_could_not_use(code):
    assert problems_in(code, "example.py", {"ImageError"})


def test_the_check_accepts_literal_templates_with_formats_and_conversions():
    code = ('raise ImageError("{path} is truncated ({actual:,} bytes, " "expected {size:,}) for {name!r}.", '
            'path=p, actual=1, size=2, name=Word("padding"))')
    assert problems_in(code, "example.py", {"ImageError"}) == []


def test_str_is_the_english_message_formatted_from_the_template():
    error = DataError("{path} is truncated or corrupted ({actual:,} bytes, expected {size:,}).",
                      path=Path("data/train"), actual=1234, size=47_040_016)
    assert str(error) == "data/train is truncated or corrupted (1,234 bytes, expected 47,040,016)."
    assert error.template == "{path} is truncated or corrupted ({actual:,} bytes, expected {size:,})."
    assert error.values == {"path": Path("data/train"), "actual": 1234, "size": 47_040_016}
    assert error.args == (str(error),)
    assert str(ConfigError("The offset must be a finite number.")) == "The offset must be a finite number."
    assert str(ConfigError("{{braces}} stay")) == "{braces} stay"


def test_a_real_core_error_keeps_its_english_wording():
    from mnist_desk.core.filters import convolve, pool

    with pytest.raises(ImageError) as raised:
        convolve(np.zeros((2, 3)), np.ones((5, 5)))
    # The same words as the pipeline's plan (test below): the Filter Lab shows either.
    assert str(raised.value) == ("The picture (2 × 3) is smaller than the 5×5 kernel without padding: "
                                 "add padding (e.g. 'same') or use a larger picture.")
    with pytest.raises(ImageError) as raised:
        convolve(np.zeros((2, 3)), np.ones((7, 7)), padding=1)
    assert str(raised.value) == ("The picture (2 × 3) is smaller than the 7×7 kernel even with 1 pixel(s) of padding: "
                                 "add padding (e.g. 'same') or use a larger picture.")
    assert raised.value.values == {"height": 2, "width": 3, "size": 7, "pad": 1}
    with pytest.raises(ConfigError) as raised:
        pool(np.zeros((4, 4)), size=0)
    assert str(raised.value) == "The pooling size must be a whole number of at least 1; got 0."
    assert type(raised.value.values["name"]) is Word


def test_the_pipeline_plan_says_so_without_padding():
    from mnist_desk.core.filters.pipeline import FilterSettings, plan_stages

    with pytest.raises(ImageError, match=r"^The picture \(2 × 2\) is smaller than the 3×3 kernel without padding: "):
        plan_stages(FilterSettings(kernel=((0, 0, 0), (0, 1, 0), (0, 0, 0))), (2, 2))


@pytest.mark.parametrize("error", [
    WeightsError("{path} is not a PyTorch weights file ({reason}).", path=Path("w.pt"), reason="bad magic"),
    ConfigError("The {name} must be a whole number of at least {low}; got {value!r}.",
                name=Word("pooling stride"), low=1, value=-2),
    ImageError("The picture has no pixels."),
    MnistDeskError("{a} and {b}", a=1, b=(2, 3)),
])
def test_errors_survive_pickling(error):
    error.seen_by = "a worker"
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error) and copy.args == error.args
    assert copy.template == error.template and copy.values == error.values
    assert [type(v) for v in copy.values.values()] == [type(v) for v in error.values.values()]
    assert copy.seen_by == "a worker"


def test_a_word_is_a_plain_string_marked_for_translation():
    word = Word("padding")
    assert isinstance(word, str) and word == "padding" and hash(word) == hash("padding")
    assert "The {name} must be".format(name=word) == "The padding must be"
    assert type(pickle.loads(pickle.dumps(word))) is Word
    assert str(ConfigError("The {name} is bad.", name=word)) == "The padding is bad."
