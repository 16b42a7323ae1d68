"""Hands-on labs: the learner trains the seminar's own models from the chat (issue 21).

Each lab is a module of this package with a :class:`labs.base.LabSpec` named ``SPEC`` whose
``run`` is a plain function ``run(params, progress) -> LabResult``. The pool (``labs.pool``)
runs it in a worker process with a CPU-time and memory budget; the dialogue only sees specs
and results.
"""
