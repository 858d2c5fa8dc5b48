"""Bar charts for the Dagster UI: a task's base, in-context and fine-tuned scores side by side, and
the share of traffic the champions take over, day by day."""

from __future__ import annotations

import io

VARIANTS = (("base", "base, zero-shot"), ("in_context", "base, in-context"), ("fine_tuned", "fine-tuned"))
LABELS = {"valid_call": "valid tool call", "name": "function name", "name_args": "name + arguments",
          "decision": "tool vs text", "rouge_l": "ROUGE-L (text)", "judge": "LLM judge"}  # fmt: skip


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    _plt().close(fig)
    return buffer.getvalue()


def scores_png(task_id: str, scores: dict[str, dict[str, float]]) -> bytes:
    """`scores`: variant -> metric -> value (None or NaN where the metric does not apply to the task)."""
    plt = _plt()

    def applies(value: float | None) -> bool:
        return value is not None and value == value

    metrics = [m for m in LABELS if any(applies(scores[v].get(m)) for v, _ in VARIANTS if v in scores)]
    fig, ax = plt.subplots(figsize=(8, 3.6), dpi=90)
    width = 0.8 / len(VARIANTS)
    for k, (variant, label) in enumerate(VARIANTS):
        values = [scores.get(variant, {}).get(m, 0.0) for m in metrics]
        values = [v if applies(v) else 0.0 for v in values]
        ax.bar([i + (k - 1) * width for i in range(len(metrics))], values, width, label=label)
    ax.set_xticks(range(len(metrics)), [LABELS[m] for m in metrics])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("agreement with the LLM")
    ax.set_title(f"{task_id}: test split, against the LLM's logged replies")
    ax.legend(loc="lower right", fontsize=8)
    return _png(fig)


def takeover_png(days: list[str], shares: list[float], savings: list[float]) -> bytes:
    """The share of each day's calls a champion would answer, and the LLM cost that saves."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 3.4), dpi=90)
    ax.bar(days, [100 * s for s in shares], color="#4c78a8")
    ax.set_ylabel("calls taken over (%)")
    ax.set_ylim(0, 100)
    ax.tick_params(axis="x", labelrotation=45)
    twin = ax.twinx()
    twin.plot(days, savings, color="#f58518", marker="o")
    twin.set_ylabel("LLM cost saved (USD/day)")
    twin.set_ylim(bottom=0)
    ax.set_title("Traffic the champions take over from the LLM")
    return _png(fig)
