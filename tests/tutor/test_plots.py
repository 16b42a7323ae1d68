"""Teaching pictures: real PNG files, cached so the same picture is never drawn twice."""
from __future__ import annotations

from pathlib import Path

import pytest

from tutor import plots

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def image_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUTORBOT_IMAGES", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("sigmoid", {"z": 1.5}),
        ("gd_path", {"start": [5, 5], "step": 0.1, "steps": 2}),
        ("convolution", {}),
        ("progress", {"mastery": {1: 0.9, 2: 0.4}}),
        ("threshold", {}),
        ("overfitting", {}),
        ("activations", {}),
    ],
)
def test_every_plot_is_a_real_png_in_the_image_dir(name: str, params: dict, image_dir: Path) -> None:
    path = plots.PLOTS[name](**params)
    assert path.parent == image_dir
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 2000


def test_the_same_picture_is_drawn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict] = []
    original = plots._DRAWERS["gd_path"]

    def counting(figure, **params):  # type: ignore[no-untyped-def]
        calls.append(params)
        original(figure, **params)

    monkeypatch.setitem(plots._DRAWERS, "gd_path", counting)
    first = plots.draw("gd_path", start=[3, -2], step=0.2, steps=3)
    again = plots.draw("gd_path", start=[3, -2], step=0.2, steps=3)
    other = plots.draw("gd_path", start=[3, -2], step=0.3, steps=3)
    assert first == again and first != other
    assert len(calls) == 2


def test_a_question_plot_dict_draws_directly() -> None:
    import random

    from tutor.exercises import GENERATORS

    question = GENERATORS["convolution"](random.Random(3), {})
    assert question.plot is not None
    assert plots.draw(**question.plot).read_bytes().startswith(PNG_MAGIC)


def test_unknown_plot_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="unknown plot 'nope'"):
        plots.draw("nope")


def test_the_cache_is_bounded_least_recently_used_first(monkeypatch: pytest.MonkeyPatch, image_dir: Path) -> None:
    monkeypatch.setattr(plots, "CACHE", plots.PictureCache(max_files=3))
    paths = [plots.draw("sigmoid", z=z) for z in (1, 2, 3)]
    assert plots.draw("sigmoid", z=1) == paths[0]          # used again: now the most recent
    newest = plots.draw("sigmoid", z=4)
    assert sorted(image_dir.glob("*.png")) == sorted([paths[0], paths[2], newest])   # z=2 was evicted
    assert len(plots.CACHE) == 3


def test_the_cache_adopts_and_bounds_pictures_left_by_an_earlier_run(monkeypatch: pytest.MonkeyPatch,
                                                                     image_dir: Path) -> None:
    for number in range(5):
        (image_dir / f"old-{number}.png").write_bytes(b"x" * 100)
    monkeypatch.setattr(plots, "CACHE", plots.PictureCache(max_files=10, max_bytes=250))
    plots.draw("activations")
    assert [p.name for p in image_dir.glob("*.png")] == [plots.picture_path("activations").name]


@pytest.mark.parametrize("kind", ["gradient_step", "sigmoid", "convolution", "circle"])
def test_the_labels_the_checks_read_are_the_texts_drawn(kind: str) -> None:
    import random

    from tutor.exercises import GENERATORS

    for seed in range(2):
        question = GENERATORS[kind](random.Random(seed), {})
        for plot in (question.plot, question.solution_plot):
            params = dict(plot)
            name = params.pop("name")
            assert plots.labels(name, **params) == sorted(plots.figure_texts(name, **params))


def test_a_question_s_convolution_picture_hides_the_output_values() -> None:
    texts = plots.figure_texts("convolution", cell=(1, 2), show_output=False)
    assert texts.count("?") == 9 and "4" not in texts
    assert "4" in plots.figure_texts("convolution")   # the slides' picture, for the worked example
