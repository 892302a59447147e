"""The grounding evaluation harness: test-set format (``testset``), offline
metrics (``metrics``), the runner, reports (JSON, Markdown, HTML), run
comparison, RAGAS/DeepEval interchange and an optional LLM judge."""
