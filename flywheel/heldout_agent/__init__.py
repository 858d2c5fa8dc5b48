"""A second agent's traffic, written apart from `flywheel.sample`, to judge the model steps on data
they were not shaped on.

The sample generator's agent (customer support, operations, travel) is what the pipeline was built
and tuned against: its tasks are fixed templates whose logged replies follow from the request by
rule. This agent is Kestrel Labs' workplace assistant (meeting rooms, expenses, leave, access,
passwords, currency, policy questions) with its own tools, phrasings and values, and the harder
parts of real traffic the generator lacks: dates and times the LLM resolved against today's date,
amounts and counts written in words or with currency signs, a category the LLM inferred, two tool
calls in one reply, clarifying questions when a request lacks a detail, and text replies worded
several ways for the same facts. `benchmarks/heldout_agent.py` runs the whole flywheel on it.
"""
