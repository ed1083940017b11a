"""``rag collections list|create|delete|add|remove``: named sets of documents in one index (rag/collections.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from rag.collections import slug_or_invalid

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Collections: named sets of documents (a document may be in several, embedded once).")

IndexOpt = Annotated[Path | None, typer.Option("--index", help="Index directory [env RAG_INDEX_DIR; default ./data/index]")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML settings file [env RAG_CONFIG]")]
NameArg = Annotated[str, typer.Argument(help="The collection: 1-64 lowercase letters, digits or '-'")]
DocsArg = Annotated[list[str], typer.Argument(help="doc_ids")]


def _store(index: Path | None, config: Path | None) -> Any:
    """The store alone: membership changes embed nothing, so no model is loaded."""
    from api.settings import AppSettings
    from rag.stores import open_store

    return open_store(AppSettings.load(config, index_dir=index))


@app.command("list")
def list_cmd(index: IndexOpt = None, config: ConfigOpt = None,
             as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """Every collection with its number of documents."""
    counts = _store(index, config).collections()
    if as_json:
        typer.echo(json.dumps(counts, indent=2))
        return
    for name, n in counts.items():
        typer.echo(f"{name}\t{n} documents")


@app.command("create")
def create_cmd(name: NameArg, index: IndexOpt = None, config: ConfigOpt = None) -> None:
    """Create an empty collection (nothing happens if it exists)."""
    _store(index, config).create_collection(slug_or_invalid(name))
    typer.echo(f"collection {name} exists")


@app.command("delete")
def delete_cmd(name: NameArg, index: IndexOpt = None, config: ConfigOpt = None,
               documents: Annotated[str | None, typer.Option(
                   "--documents", help="What happens to the documents still in it: 'delete' deletes those in no other "
                                       "collection, 'keep' keeps them all (in 'default' if in no other). Without it, "
                                       "a collection holding documents is not deleted.")] = None) -> None:
    """Delete a collection (refused while documents belong to it, unless --documents delete|keep)."""
    if documents not in (None, "delete", "keep"):
        raise typer.BadParameter("use --documents delete or --documents keep", param_hint="--documents")
    mode: Literal["refuse", "delete", "keep"] = "refuse" if documents is None else documents  # type: ignore[assignment]
    held = _store(index, config).delete_collection(slug_or_invalid(name), mode)
    what = {"refuse": "", "delete": ": its documents in no other collection were deleted",
            "keep": ": its documents were kept"}[mode]
    typer.echo(f"deleted collection {name} ({held} documents belonged to it){what if held else ''}")


@app.command("add")
def add_cmd(name: NameArg, doc_ids: DocsArg, index: IndexOpt = None, config: ConfigOpt = None) -> None:
    """Add indexed documents to a collection (created if needed); nothing is embedded again."""
    _store(index, config).add_to_collection(slug_or_invalid(name), doc_ids)
    typer.echo(f"added {len(set(doc_ids))} documents to {name}")


@app.command("remove")
def remove_cmd(name: NameArg, doc_ids: DocsArg, index: IndexOpt = None, config: ConfigOpt = None) -> None:
    """Remove documents from a collection (one left in none goes back to 'default')."""
    _store(index, config).remove_from_collection(slug_or_invalid(name), doc_ids)
    typer.echo(f"removed {len(set(doc_ids))} documents from {name}")
