"""`flywheel predict`: answer an OpenAI chat-completions request with its task's champion SLM.

The request is embedded and assigned to a task the way the clustering assigns a new day's traces
(its signature through the live clustering's `predict`). The reply a request will get is not
known yet, so the tool-use half of the signature is tried for each offered tool and for a text
answer, and the most confident task wins. A task with a champion (MLflow alias) answers with its
base model and adapter, loaded once per process; noise or a task without a champion goes to the
LLM endpoint when `FLYWHEEL_LLM_URL` is set, and otherwise the reply says there is no answer.
Nothing of the request is stored: it is embedded in memory, not through the lake's cache.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass, field

import numpy as np

from flywheel.cluster.embed import Embedder
from flywheel.cluster.fit import predict as assign
from flywheel.cluster.ids import NOISE
from flywheel.cluster.pipeline import current, load_model
from flywheel.cluster.signature import first_request, text_hash, tools_called
from flywheel.evaluate import promote
from flywheel.evaluate.report import report_of
from flywheel.lake import Lake
from flywheel.openai_http import chat_completions
from flywheel.scrub.pipeline import SCRUBBED, is_published, read_scrubbed
from flywheel.train.template import parse_reply


class BadRequest(ValueError):
    """The request is not an OpenAI chat-completions request; the message says what is wrong."""


def validate(request: object) -> dict:
    if not isinstance(request, dict):
        raise BadRequest("the request must be a JSON object with a `messages` list")
    messages = request.get("messages")
    if not isinstance(messages, list) or not messages:
        raise BadRequest("the request needs a non-empty `messages` list")
    for i, m in enumerate(messages):
        if not isinstance(m, dict) or m.get("role") not in {"system", "developer", "user", "assistant", "tool"}:
            raise BadRequest(f"messages[{i}] needs a `role` of system, developer, user, assistant or tool")
    tools = request.get("tools")
    named = isinstance(tools, list) and all(
        isinstance(t, dict) and isinstance(t.get("function"), dict) and isinstance(t["function"].get("name"), str)
        for t in tools
    )
    if tools is not None and not named:
        raise BadRequest("`tools` must be a list of {type: function, function: {name, parameters}}")
    return request


@dataclass
class Router:
    """Everything loaded once per process: the embedder, the live clustering, the champions."""

    lake: Lake
    mlflow_uri: str
    llm_url: str | None = None
    max_new_tokens: int = 256
    embedder: Embedder = field(default_factory=Embedder)
    _models: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        info = current(self.lake)
        self._fit = (load_model(self.lake, info["version"]), info["task_ids"]) if info else None
        self._agents: dict[frozenset, str] = {}  # offered tool set -> agent, from the latest published day
        days = [d for d in self.lake.days(SCRUBBED) if is_published(self.lake, d)]
        if days:
            seen = read_scrubbed(self.lake, days[-1], ["workload_id", "tools_offered"]).unique()
            for workload, offered in seen.iter_rows():
                self._agents.setdefault(frozenset(offered or []), workload)

    def task_of(self, request: dict) -> str:
        """The request's task id, or "noise" (also before any clustering). Its signature is built as
        the clustering builds a logged call's; where the conversation has not called a tool yet, each
        offered tool (and a text answer) is tried, and the reading most like a fitted phrasing wins."""
        if self._fit is None:
            return NOISE
        model, task_ids = self._fit
        workload = self.workload_of(request)
        called = tools_called(request["messages"], {})
        if called:
            uses = [f"calls {', '.join(called)} (agent {workload})"]
        else:
            names = [t["function"]["name"] for t in request.get("tools") or []]
            uses = [f"calls {n} (agent {workload})" for n in names] + [f"answers without a tool (agent {workload})"]
        text = first_request(request["messages"])
        vectors = self.embedder.encode([text, *uses])
        rows = np.hstack([np.repeat(vectors[:1], len(uses), axis=0), vectors[1:]]) * np.float32(1 / np.sqrt(2))
        nearest = (rows / np.linalg.norm(rows, axis=1, keepdims=True)) @ model.phrasings.T
        best = int(nearest.max(axis=1).argmax())
        labels, _ = assign(model, rows[best : best + 1], [text_hash(f"{text}\x00{uses[best]}")])
        return task_ids[int(labels[0])] if labels[0] >= 0 else NOISE

    def workload_of(self, request: dict) -> str:
        """The agent: the request's `metadata.workload_id`, else the agent whose logged calls offered
        the same tools, else "unknown"."""
        given = (request.get("metadata") or {}).get("workload_id")
        if given:
            return str(given)
        offered = frozenset(t["function"]["name"] for t in request.get("tools") or [])
        return self._agents.get(offered, "unknown")

    def _champion(self, task: str):
        version = promote.alias(self.mlflow_uri, task)
        if version is None:
            return None, None
        if (task, version) not in self._models:
            from peft import PeftModel
            from transformers import AutoModelForCausalLM, AutoTokenizer

            report = report_of(self.lake, task, version)
            if report is None:
                return None, None
            tokenizer = AutoTokenizer.from_pretrained(report["model_dir"])
            from flywheel.train.inference import contiguous_head
            from flywheel.train.precision import torch_dtype

            # as it was evaluated: bf16 where this CPU is fast at it
            base = AutoModelForCausalLM.from_pretrained(report["model_dir"], dtype=torch_dtype())
            model = contiguous_head(PeftModel.from_pretrained(base, str(self.lake.fetch(report["adapter"]))).eval())
            self._models[(task, version)] = (model, tokenizer)
        return version, self._models[(task, version)]

    def answer(self, request: dict) -> dict:
        """An OpenAI chat-completions response, with `routed` saying who answered."""
        request = validate(request)
        task = self.task_of(request)
        version, loaded = self._champion(task) if task != NOISE else (None, None)
        if loaded is None:
            return self._to_llm(request, task)
        model, tokenizer = loaded
        import torch

        tools = request.get("tools") or None
        ids = tokenizer.apply_chat_template(request["messages"], tools=tools, add_generation_prompt=True,
                                            return_tensors="pt", return_dict=True)  # fmt: skip
        start = time.perf_counter()
        with torch.no_grad():
            out = model.generate(**ids, max_new_tokens=self.max_new_tokens, do_sample=False)
        new = out[0, ids["input_ids"].shape[1]:]
        message = parse_reply(tokenizer.decode(new, skip_special_tokens=False))
        for call in message.get("tool_calls", []):
            call["id"] = f"call_{uuid.uuid4().hex[:24]}"
            call["function"]["arguments"] = json.dumps(call["function"]["arguments"], ensure_ascii=False)
        finish = "tool_calls" if message.get("tool_calls") else "stop"
        prompt_tokens, completion = int(ids["input_ids"].shape[1]), int(new.shape[0])
        return {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion", "created": int(time.time()),
                "model": f"flywheel-{task}:{version}", "routed": f"slm:{task}",
                "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion,
                          "total_tokens": prompt_tokens + completion},
                "latency_ms": round(1000 * (time.perf_counter() - start), 1)}  # fmt: skip

    def _to_llm(self, request: dict, task: str) -> dict:
        why = "no task" if task == NOISE else f"task {task} has no champion"
        if not self.llm_url:
            return {"routed": "llm", "task": task, "choices": [], "error": {
                "message": f"no answer: {why}, and no LLM endpoint is configured (set FLYWHEEL_LLM_URL to an "
                           "OpenAI-compatible base URL to forward such requests)", "type": "no_route"}}  # fmt: skip
        response = chat_completions(self.llm_url, request, os.environ.get("FLYWHEEL_LLM_API_KEY"))
        return {**response, "routed": "llm", "task": task}
