"""Would coalescing concurrent queries into one ONNX batch save CPU? The product's query session (int8 ONNX, one
thread), the benchmark questions embedded one per call and in batches of 2-16: CPU per query and whether the
vectors change. Each batch is run two ways: padded to its longest text (``embed``), and split into groups of
similar length (``embed_grouped``, what rag/coalesce.py's batches go through); "differs" is the largest
difference from the vectors embedded one per call (0: bit for bit the same).

Run: PYTHONPATH=. .venv/bin/python bench/query_batching.py [--queries 64 --repeat 3]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.append(str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from corpus import questions  # noqa: E402
from load import wordings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from rag.embedders import OnnxMiniLM

    texts = list(itertools.islice(wordings(questions()), args.queries))  # as bench/load.py words them
    model = OnnxMiniLM(1)  # as MiniLMEmbedder builds its query session
    for text in texts[:8]:  # warm-up
        model.embed([text])
    alone = np.stack([model.embed([t])[0] for t in texts])
    print(f"{len(texts)} questions, load average {os.getloadavg()[0]:.1f}")
    print("| queries per call | CPU ms per query, padded | differs | CPU ms per query, grouped | differs |\n"
          "|---|---|---|---|---|")
    for size in (1, 2, 4, 8, 16):
        row = [str(size)]
        for embed in (model.embed, model.embed_grouped):
            start = time.thread_time()
            for _ in range(args.repeat):
                out = np.concatenate([embed(texts[i:i + size]) for i in range(0, len(texts), size)])
            spent = (time.thread_time() - start) / (args.repeat * len(texts))
            row += [f"{spent * 1000:.2f}", f"{np.abs(out - alone).max():.1e}"]
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
