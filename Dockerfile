# The service with the packaged embedding model; no network needed at run time.
FROM python:3.11-slim

# MALLOC_ARENA_MAX: concurrent requests spread over the server's worker threads, and glibc gives threads arenas of
# their own (up to 8 per core); two arenas held RSS 160 MB lower under overlapping uploads (README, Soak).
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 PIP_NO_CACHE_DIR=1 MALLOC_ARENA_MAX=2 \
    RAG_INDEX_DIR=/data/index RAG_HOST=0.0.0.0 RAG_PORT=8000

WORKDIR /app
# torch first, as a CPU build: the default wheel pulls several GB of CUDA.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY rag rag
COPY index index
COPY api api
COPY eval eval
COPY examples examples
RUN pip install . && useradd --create-home --uid 10001 rag && mkdir -p /data && chown rag /data

USER rag
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["rag", "serve", "--seed", "examples"]
