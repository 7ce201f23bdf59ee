"""Charts: deterministic SVG/PNG, text kept as text in Noto Sans, 300 dpi, nothing clipped or overlapping."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from itertools import combinations

import matplotlib
import pytest
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.text import Text
from PIL import Image

from charts import compare, forms, fulfilment, salary, skills, style, training
from charts.colours import luminance
from charts.text import ChartText

NNBSP, NBSP = "\u202f", "\u00a0"
LONG_SKILL = "Gestion des outils d’automatisation marketing et de la relation client"
FULFILMENT = [
    ("Qualité de vie", 65),
    ("Flexibilité", 70),
    ("Stimulation", 90),
    ("Relations humaines", 70),
    ("Carrière", 75),
]
SKILLS = [
    ("Analyse des indicateurs", 95),
    ("Gestion de projet", 90),
    ("Marketing digital", 93),
    ("Budgets et finances", 85),
    ("Communication digitale", 83),
    ("Tendances du marché", 85),
]
SALARY = [("Débutant (moins de 3 ans)", 30000, 45000), ("Confirmé (plus de 5 ans)", 50000, 75000)]
SALARY_4 = SALARY + [("Intermédiaire", 40000, 55000), ("Direction", 70000, 120000)]
SKILLS_LONG = [(LONG_SKILL, 100), ("SEO", 0)]
SKILLS_PAIR = [(LONG_SKILL, 95), ("Gestion de projet", 90)]
TRAINING = [("BTS", "BAC +2", 120, False), ("Bachelor", "BAC +3", 180, False), ("Mastère", "BAC +5", 300, True)]
TRAINING_6 = [
    ("CAP", "Niveau 3", None, False),
    ("BTS", "BAC +2", 120, False),
    ("BUT", "BAC +3", 180, True),
    ("Licence professionnelle", "BAC +3", 180, False),
    ("Master", "BAC +5", 300, False),
    ("Doctorat", "BAC +8", None, False),
]


def scores(items, width_in: float = 6.3):
    """Keyword arguments for a score chart drawn in French, values as the presentation step prints them."""
    return {"text": ChartText(tuple(style.percent(s) for _, s in items), axis="Score (%)"), "width_in": width_in}


def bands(items, width_in: float = 6.3):
    values = tuple(salary.range_label(low, high) for _, low, high in items)
    return {"text": ChartText(values, axis="€ brut par an"), "width_in": width_in}


def ladder(items, width_in: float = 6.3):
    values = tuple(
        f"{style.thousands(ects)}{NBSP}crédits ECTS" if ects is not None else "ECTS non précisés"
        for _, _, ects, _ in items
    )
    return {"text": ChartText(values, mark="niveau d’entrée habituel"), "width_in": width_in}


# name -> (figure factory, width in inches, texts the SVG must contain)
CHARTS: dict[str, tuple[Callable[[], Figure], float, list[str]]] = {
    "fulfilment": (
        lambda: fulfilment.draw(FULFILMENT, **scores(FULFILMENT, 3.4)),
        3.4,
        ["Stimulation", f"90{NNBSP}%", "Qualité de vie"],
    ),
    "skills": (
        lambda: skills.draw(SKILLS, **scores(SKILLS)),
        6.3,
        ["Analyse des indicateurs", f"95{NNBSP}%", f"83{NNBSP}%"],
    ),
    "skills_long": (
        lambda: skills.draw(SKILLS_LONG, **scores(SKILLS_LONG)),
        6.3,
        ["Gestion des outils", f"100{NNBSP}%"],
    ),
    "salary": (
        lambda: salary.draw(SALARY, **bands(SALARY)),
        6.3,
        ["Débutant (moins de 3 ans)", f"30{NNBSP}000 – 45{NNBSP}000{NBSP}€", f"20{NNBSP}000{NBSP}€", f"0{NBSP}€"],
    ),
    "salary_4": (
        lambda: salary.draw(SALARY_4, **bands(SALARY_4)),
        6.3,
        [f"70{NNBSP}000 – 120{NNBSP}000{NBSP}€"],
    ),
    "salary_1": (lambda: salary.draw(SALARY[:1], **bands(SALARY[:1], 3.4)), 3.4, [f"45{NNBSP}000{NBSP}€"]),
    "training": (
        lambda: training.draw(TRAINING, **ladder(TRAINING)),
        6.3,
        ["Mastère", "BAC +5", f"120{NBSP}crédits ECTS", "niveau d’entrée habituel"],
    ),
    "training_6": (
        lambda: training.draw(TRAINING_6, **ladder(TRAINING_6)),
        6.3,
        ["précisés", "Doctorat", "habituel", "Licence"],
    ),
    "training_1": (lambda: training.draw(TRAINING[2:], **ladder(TRAINING[2:])), 6.3, [f"300{NBSP}crédits ECTS"]),
}


def drawn(factory: Callable[[], Figure]) -> Figure:
    """The figure with its layout and tick labels up to date (as at save time)."""
    fig = factory()
    with style.rc():
        fig.draw_without_rendering()
    return fig


def visible_texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("name", CHARTS)
def test_output_is_deterministic(name: str) -> None:
    factory = CHARTS[name][0]
    fig = factory()
    assert style.to_svg(fig) == style.to_svg(fig)
    assert style.to_svg(factory()) == style.to_svg(factory())
    assert style.to_png(factory()) == style.to_png(factory())


@pytest.mark.parametrize("name", CHARTS)
def test_svg_keeps_text_in_noto_sans_at_print_size(name: str) -> None:
    factory, width_in, expected = CHARTS[name]
    svg = style.to_svg(factory()).decode("utf-8")
    for text in expected:
        assert text in svg, text
    assert "<text" in svg and '<path id="DejaVu' not in svg
    assert "font-family: 'Noto Sans'" in svg
    assert "dejavu" not in svg.lower()
    width = re.search(r'<svg [^>]*width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert width is not None, "width/height must be in pt"
    assert float(width.group(1)) == pytest.approx(width_in * 72, abs=0.01)


@pytest.mark.parametrize("name", CHARTS)
def test_png_is_300_dpi_at_print_size(name: str) -> None:
    factory, width_in, _ = CHARTS[name]
    fig = factory()
    image = Image.open(io.BytesIO(style.to_png(fig)))
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert image.size[0] == pytest.approx(width_in * 300, abs=1)
    assert image.size[1] == pytest.approx(fig.get_size_inches()[1] * 300, abs=1)
    assert "Software" not in image.info


@pytest.mark.parametrize("name", CHARTS)
def test_nothing_clipped(name: str) -> None:
    fig = drawn(CHARTS[name][0])
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    for text in visible_texts(fig):
        box = text.get_window_extent(renderer)
        inside = box.x0 >= page.x0 - 0.5 and box.x1 <= page.x1 + 0.5 and box.y0 >= page.y0 - 0.5
        assert inside and box.y1 <= page.y1 + 0.5, f"{text.get_text()!r} {box} outside {page}"


@pytest.mark.parametrize("name", CHARTS)
def test_no_text_overlaps(name: str) -> None:
    fig = drawn(CHARTS[name][0])
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in visible_texts(fig)]
    for (a, box_a), (b, box_b) in combinations(boxes, 2):
        overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        assert overlap_x <= 0.5 or overlap_y <= 0.5, f"{a!r} overlaps {b!r}"


def test_long_skill_name_is_wrapped_not_clipped() -> None:
    assert len(LONG_SKILL) == 70
    fig = drawn(lambda: skills.draw(SKILLS_PAIR, **scores(SKILLS_PAIR)))
    ax = fig.axes[0]
    label = ax.get_yticklabels()[0].get_text()
    assert "\n" in label and label.replace("\n", " ") == LONG_SKILL
    assert ax.get_window_extent().x0 < fig.bbox.width * 0.5  # the label column does not crush the bars


def test_bars_start_at_zero_in_sheet_order() -> None:
    spread = FULFILMENT  # 65 to 90: a range of 25 points, bars
    fig = drawn(lambda: skills.draw(spread, **scores(spread)))
    ax = fig.axes[0]
    assert ax.get_xlim()[0] == 0
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == [name for name, _ in spread]
    heights = [t.get_window_extent().y0 for t in labels]
    assert heights == sorted(heights, reverse=True)  # first skill on top
    assert salary.draw(SALARY, **bands(SALARY)).axes[0].get_xlim()[0] == 0
    assert training.draw(TRAINING, **ladder(TRAINING)).axes[0].get_ylim()[0] == 0


def test_close_scores_are_a_ranked_dot_plot_with_values() -> None:
    """Design brief rule 11: 83-95 on bars from 0 look identical; ranked dots on a zoomed axis do not."""
    fig = drawn(lambda: skills.draw(SKILLS, **scores(SKILLS)))
    ax = fig.axes[0]
    assert forms.ranked_dots([s for _, s in SKILLS]) and not forms.ranked_dots([s for _, s in FULFILMENT])
    assert ax.get_xlim() == (70, 100) and not ax.patches  # dots, no bars: the axis may start above 0
    ranked = sorted(SKILLS, key=lambda item: -item[1])
    assert [t.get_text() for t in ax.get_yticklabels()] == [name for name, _ in ranked]
    values = [t.get_text() for t in ax.texts]
    assert values == [style.percent(score) for _, score in ranked]
    assert forms.dot_axis_start([100] * 5) == 80 and forms.dot_axis_start([0] * 5) == 0


def test_a_long_list_is_split_into_parts_with_one_form_and_one_axis() -> None:
    items = [(f"Compétence {n}", 95 - 2 * n) for n in range(25)]
    parts = skills.draw_parts(items, **scores(items), max_rows=9)
    assert [len(p.axes[0].get_yticklabels()) for p in parts] == [9, 8, 8]
    assert len({p.axes[0].get_xlim() for p in parts}) == 1  # the same axis in every part
    assert len({round(p.get_size_inches()[0], 3) for p in parts}) == 1


def test_height_grows_with_items() -> None:
    spread = [("A", 10), ("B", 90), ("C", 50), ("D", 30), ("E", 70), ("F", 20)]
    small = skills.draw(spread[:2], **scores(spread[:2])).get_size_inches()[1]
    large = skills.draw(spread, **scores(spread)).get_size_inches()[1]
    assert large - small == pytest.approx(4 * style.BAR_ROW_IN, abs=0.01)


def test_every_word_a_chart_prints_comes_from_its_text() -> None:
    """The charts hold no language: values, axis titles, ticks and marks are the presentation step's."""
    words = ChartText(("a1", "b2", "c3", "d4", "e5"), axis="Score")
    text = style.to_svg(fulfilment.draw(FULFILMENT, words, width_in=3.4)).decode("utf-8")
    assert ">c3<" in text and ">Score<" in text and "%" not in text.split("</metadata>")[1]
    values = ("120 ECTS credits", "180 ECTS credits", "ECTS not given", "180 ECTS credits", "300 ECTS credits", "—")
    english = training.draw(TRAINING_6, ChartText(values, mark="usual entry level"), width_in=6.3)
    text = style.to_svg(english).decode("utf-8")
    assert "usual" in text and "given" in text and "crédits" not in text and "habituel" not in text
    ticks = ChartText(("€30k–45k", "€50k–75k"), tick=lambda v: f"€{v / 1000:g}k")
    text = style.to_svg(salary.draw(SALARY, ticks, width_in=6.3)).decode("utf-8")
    assert "€30k–45k" in text and "€20k" in text and "Salaire" not in text
    careers = [("A", [("Quality of life", 65), ("Career", 90)]), ("B", [("Quality of life", 40), ("Career", 55)])]
    text = style.to_svg(compare.draw(careers, ChartText(("65%", "90%", "40%", "55%")), width_in=6.8)).decode("utf-8")
    assert ">90%<" in text and NNBSP not in text.split("</metadata>")[1]  # English percentages in an English catalogue
    with pytest.raises(ValueError):
        skills.draw(SKILLS, ChartText(("1",)), width_in=6.3)
    with pytest.raises(ValueError):
        training.draw([], ChartText(()), width_in=6.3)
    with pytest.raises(ValueError):
        fulfilment.draw([("Stimulation", 105)], ChartText(("105 %",)), width_in=3.4)


def test_entry_level_marked_in_words_and_weight() -> None:
    fig = training.draw(TRAINING, **ladder(TRAINING))
    ticks = fig.axes[0].get_xticklabels()
    assert [t.get_fontweight() for t in ticks] == ["normal", "normal", "bold"]
    assert any(t.get_text() == "niveau d’entrée habituel" for t in fig.axes[0].texts)


def test_french_number_formats() -> None:
    assert style.percent(90) == f"90{NNBSP}%"
    assert style.euros(45000) == f"45{NNBSP}000{NBSP}€"
    assert salary.range_label(30000, 45000) == f"30{NNBSP}000 – 45{NNBSP}000{NBSP}€"
    assert salary.euro_ticks(75000)[0] == 0 and salary.euro_ticks(75000)[-1] >= 75000


def test_wrap() -> None:
    assert style.wrap("Relations humaines", 10) == "Relations\nhumaines"
    assert style.wrap("court", 40) == "court"
    assert style.wrap(f"120{NBSP}crédits ECTS", 5) == f"120{NBSP}crédits\nECTS"  # never between number and unit


def test_palette_contrast_and_grayscale() -> None:
    for colour in (style.ACCENT, style.TEXT, style.NEUTRAL_DARK):
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour
    assert luminance(style.ACCENT_LIGHT) - luminance(style.ACCENT) > 0.3


def test_bundled_font_is_used_and_rcparams_restored() -> None:
    before = dict(matplotlib.rcParams)
    style.to_svg(fulfilment.draw(FULFILMENT, **scores(FULFILMENT, 3.4)))
    assert dict(matplotlib.rcParams) == before
    for weight in ("normal", "bold"):
        found = findfont(FontProperties(family=style.FONT_FAMILY, weight=weight), fallback_to_default=False)
        assert str(style.FONT_DIR) in found
