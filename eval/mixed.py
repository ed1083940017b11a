"""Questions with their own mixed documents, built from RGB en_fact: true, misinformation and noise.

Each RGB row has passages that give the true answer (``positive``), the same passages with the answer
swapped for a false one (``positive_wrong``) and on-topic passages that do not answer (``negative``). A
row here takes 1-3 true passages, 0-2 false ones and 0-7 noise passages (1-12 in all), drawn with a fixed
seed, so that the set has the shape of a benchmark of questions asked over their own documents where
some are misinformation: the answer must give the true value and, when a false one is stated, show the
disagreement. Rows are written in the shape ``eval.conflicts`` scores (``expect`` "disagreement" when a
false passage is among the documents, else "no-disagreement"). RGB's text is read from --data, never copied.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from eval.benchmarks import _alternatives, rgb_rows

SEED = 16


def rgb_mixed(data: Path, seed: int = SEED, limit: int | None = None) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for row in rgb_rows(data)[:limit]:
        positive, wrong, negative = row["positive"], row["positive_wrong"], row["negative"]
        n_true = rng.randint(1, min(3, len(positive)))
        n_false = rng.randint(0, min(2, len(wrong)))
        n_noise = rng.randint(0, min(7, len(negative), 12 - n_true - n_false))
        true_idx = rng.sample(range(len(positive)), n_true)
        # a false passage is the counterfeit of a true one: never of one also given true (a near-copy pair)
        false_pool = [i for i in range(len(wrong)) if i not in true_idx] or list(range(len(wrong)))
        false_idx = rng.sample(false_pool, min(n_false, len(false_pool)))
        docs = [{"kind": "true", "text": positive[i]} for i in true_idx]
        docs += [{"kind": "false", "text": wrong[i]} for i in false_idx]
        docs += [{"kind": "noise", "text": t} for t in rng.sample(negative, n_noise)]
        rng.shuffle(docs)
        out.append({"id": f"rgb-{row['id']}", "question": row["query"], "docs": docs,
                    "answers": [_alternatives(row["answer"])],
                    "false_answers": [_alternatives(row["fakeanswer"])] if false_idx else [],
                    "expect": "disagreement" if false_idx else "no-disagreement"})
    return out
