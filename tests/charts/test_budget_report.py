"""Spend against the monthly budget: the cost chart marks each arm's budget and the report
states each arm's spend against it (docs/model.md 7.7)."""

from __future__ import annotations

import pytest
from matplotlib.collections import LineCollection
from synthetic_results import synthetic_timeseries, write_results_folder

from commsim.analysis.budget_use import budget_use
from commsim.charts import load_results
from commsim.charts.incremental_charts import cost_chart
from commsim.charts.reports.report import render_markdown
from commsim.charts.reports.report_content import arm_budgets, gather
from commsim.charts.style import use_style
from commsim.locale import use_language

# The synthetic programme costs 30 a day, 900 a 30-day month: push's budget is below it.
BUDGETS = {"push": 800.0, "value": 1000.0}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("budget") / "results"
    write_results_folder(folder, synthetic_timeseries(world=True))
    text = "".join(
        f"[arms.{arm}.scenario.brand]\nmonthly_budget = {budget}\n\n"
        for arm, budget in BUDGETS.items()
    )
    (folder / "experiment.resolved.toml").write_text(text, encoding="utf-8")
    return load_results(folder)


def test_spend_against_budget_counts_the_months_over(results):
    use = budget_use(results.timeseries, results.arms, arm_budgets(results)).set_index("arm")
    months = 25 * 6  # 24 whole months and a part, 6 replicates
    assert use.loc["push", "months"] == months
    assert use.loc["push", "months_over"] == 24 * 6  # the part-month spends 300
    assert use.loc["value", "months_over"] == 0
    assert use.loc["value", "highest_month"] == pytest.approx(900.0)


def test_the_cost_chart_marks_each_arms_budget(results):
    with use_language("en"), use_style():
        chart = cost_chart(results)
    ax = chart.figure.axes[0]
    marks = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(marks) == 1
    xs = sorted({round(float(x), 6) for seg in marks[0].get_segments() for x in seg[:, 0]})
    months = results.horizon / 30
    assert xs == pytest.approx(sorted(b * months for b in BUDGETS.values()))
    legend = [t.get_text() for t in chart.figure.subfigs[0].legends[0].get_texts()]
    assert "Monthly budget over the horizon" in legend


@pytest.mark.slow  # draws every chart of the report (gather)
def test_the_report_states_spend_against_budget_per_arm(results):
    content = gather(results)
    text = render_markdown(content)
    assert "## Spend against the monthly budget" in text
    rows = [line for line in text.splitlines() if line.startswith("| Push |")]
    assert any("144 of 150" in row for row in rows)
