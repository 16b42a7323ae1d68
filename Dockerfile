# tutorbot: `tutorbot serve` (web chat page, REST, Telegram and Messenger webhooks, /healthz,
# /metrics) on port 8080, behind an HTTPS reverse proxy. docs/deploy.md: from zero to a working
# Telegram webhook with compose.yaml (PostgreSQL, N workers, Caddy). Not built by this
# repository's CI (no Docker engine there): written and reviewed, not run.
#
#   docker build -t tutorbot .                           # trains the models into the image (minutes)
#   docker build -t tutorbot --build-arg TRAIN_MODELS=0 .   # no models: mount them at /app/models
ARG PYTHON_VERSION=3.11
FROM python:${PYTHON_VERSION}-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TUTORBOT_MODELS=/app/models \
    TUTORBOT_IMAGES=/tmp/tutorbot-images \
    MPLBACKEND=Agg

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin tutorbot
WORKDIR /app

# torch first, the CPU build from PyTorch's own index (the Makefile's exact pin): nothing
# installed after it can pull the default CUDA build from PyPI.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

# The other runtime dependencies, from pyproject.toml alone (a layer that survives code changes);
# the postgres extra brings psycopg for --db postgresql://...
COPY pyproject.toml README.md ./
RUN python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
print("\n".join(p["dependencies"] + p.get("optional-dependencies", {}).get("postgres", [])))' > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The code and its data (the curriculum is read from /app/data next to the packages: an editable
# install keeps them together).
COPY bot bot
COPY nlp nlp
COPY tutor tutor
COPY labs labs
COPY data data
COPY deploy/entrypoint.sh deploy/healthcheck.py deploy/
# The code's bytecode compiled here: PYTHONDONTWRITEBYTECODE (above) keeps a running worker from
# writing it, and an editable install compiles nothing, so without this every worker started would
# compile tutorbot's modules again (about half a second of its start, docs/scaling.md).
RUN pip install --no-deps -e . \
    && python -m compileall -q bot nlp tutor labs \
    && mkdir -p /app/models /tmp/tutorbot-images \
    && chown tutorbot:tutorbot /app/models /tmp/tutorbot-images

USER tutorbot

# The models: trained here from data/ (as the user that serves them: the weight files are
# private to their owner), or, with TRAIN_MODELS=0, mounted at /app/models from a
# `tutorbot train` run elsewhere. Either way the answer retriever's index is saved with them,
# so a worker is ready in seconds.
ARG TRAIN_MODELS=1
RUN if [ "$TRAIN_MODELS" = 1 ]; then tutorbot train --models /app/models; fi

EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["python", "/app/deploy/healthcheck.py"]
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
