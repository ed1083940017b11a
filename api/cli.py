"""The ``rag`` command line: index, delete, check, ask, search, serve, slack, feedback export (and eval, bench)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError

from api.cli_collections import app as collections_app
from rag.errors import RagError, StorageFull, describe_validation, is_disk_full

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Ask questions of a folder of articles; every answer cites its passages.")
app.add_typer(collections_app, name="collections")

IndexOpt = Annotated[Path | None, typer.Option("--index", help="Index directory [env RAG_INDEX_DIR; default ./data/index]")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML settings file [env RAG_CONFIG]")]
KOpt = Annotated[int | None, typer.Option("-k", help="Passages to retrieve (1-50)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]
DocOpt = Annotated[list[str] | None, typer.Option("--doc", help="Only this doc_id (repeat for several)")]
SourceOpt = Annotated[list[str] | None, typer.Option("--source", help="Only articles from this source (repeat)")]
AfterOpt = Annotated[str | None, typer.Option("--after", help="Only articles published on or after YYYY-MM-DD")]
BeforeOpt = Annotated[str | None, typer.Option("--before", help="Only articles published on or before YYYY-MM-DD")]
CollectionOpt = Annotated[list[str] | None, typer.Option("--collection", help="Only articles in this collection (repeat)")]
IntoOpt = Annotated[list[str] | None, typer.Option("--collection", help="Put the documents in this collection "
                                                                          "(repeat; default: 'default')")]


def _filters(doc: list[str] | None, source: list[str] | None, after: str | None, before: str | None,
             collection: list[str] | None = None) -> Any:
    given = {"doc_ids": doc or None, "sources": source or None, "published_after": after, "published_before": before,
             "collections": collection or None}
    given = {k: v for k, v in given.items() if v is not None}
    return given or None


def fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _services(index: Path | None, config: Path | None):  # type: ignore[no-untyped-def]
    from api.settings import AppSettings
    from rag.services import build_services

    return build_services(AppSettings.load(config, index_dir=index))


@app.command("index")
def index_cmd(paths: Annotated[list[str] | None, typer.Argument(help="Files, folders (.txt, .md, .html, .pdf) or http(s) URLs")] = None,
              urls: Annotated[Path | None, typer.Option("--urls", help="A file of URLs, one a line")] = None,
              feed: Annotated[list[str] | None, typer.Option("--feed", help="An RSS/Atom feed: index every article "
                                                                             "it links to (repeat for several)")] = None,
              upgrade: Annotated[bool, typer.Option("--upgrade", help="Add sentence rows (vectors, typed claims) "
                                                    "to chunks indexed before they existed, and recompute "
                                                    "claims an older extraction stored")] = False,
              collection: IntoOpt = None, index: IndexOpt = None, config: ConfigOpt = None) -> None:
    """Index article files, URLs and feeds; unchanged ones are skipped, changed ones replaced."""
    from index.files import index_paths
    from index.urls import is_url, read_url_list

    given = list(paths or [])
    links = [p for p in given if is_url(p)]
    if urls is not None:
        try:
            links += read_url_list(str(urls))
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read --urls {urls}: {getattr(exc, 'strerror', None) or exc}")
    if not given and not links and not feed and not upgrade:
        fail("nothing to index: give files, folders or URLs, --urls FILE or --feed URL")
    names = _collections(collection)
    services = _services(index, config)
    indexer = services.indexer.with_collections(names)
    progress = sys.stderr.isatty()
    if upgrade:
        typer.echo(f"upgraded {services.indexer.upgrade(progress=progress)} chunks with sentence rows")
        typer.echo(f"recomputed the claims of {services.indexer.refresh_claims(progress=progress)} sentences "
                   "stored by an older claims version")
        if not given and not links and not feed:
            return
    indexing = services.settings.indexing
    report = index_paths(indexer, [Path(p) for p in given if not is_url(p)], indexing, progress=progress)
    if links or feed:
        from index.feeds import poll_feed
        from index.fetch import Fetcher
        from index.urls import index_urls

        state = _fetch_state(services)
        with Fetcher(services.settings.fetch) as fetcher:
            if links:
                index_urls(indexer, fetcher, state, links, report, progress=progress, html=indexing.html)
            for url in feed or []:
                poll_feed(indexer, fetcher, state, url, report, progress=progress, html=indexing.html)
    typer.echo(report.summary())
    if report.refused and not (report.added or report.updated or report.skipped):
        raise typer.Exit(1)


def _collections(names: list[str] | None) -> list[str]:
    from rag.collections import slug_or_invalid

    return list(dict.fromkeys(slug_or_invalid(n) for n in names or []))


def _fetch_state(services: Any) -> Any:
    from index.fetch_state import FetchState

    return FetchState(services.settings.index_dir / "fetch.sqlite")


@app.command("watch")
def watch_cmd(feed: Annotated[list[str] | None, typer.Option("--feed", help="An RSS/Atom feed URL (repeat); "
                                                                            "default: `feeds` in the settings")] = None,
              every: Annotated[str, typer.Option("--every", help="Time between polls: 90s, 15m, 1h")] = "15m",
              once: Annotated[bool, typer.Option("--once", help="Poll once and exit")] = False,
              collection: IntoOpt = None, index: IndexOpt = None, config: ConfigOpt = None) -> None:
    """Poll RSS/Atom feeds and index new articles as they appear (a killed poll loses and repeats nothing)."""
    import threading

    from index.feeds import parse_every, watch
    from index.fetch import Fetcher

    seconds = parse_every(every)
    names = _collections(collection)
    services = _services(index, config)
    feeds = list(feed or services.settings.feeds)
    if not feeds:
        fail("no feeds: pass --feed URL or set feeds = [...] in the settings")
    stop = threading.Event()

    def show(url: str, report: Any) -> None:
        typer.echo(f"{url}: {report.summary()}")
        if once and url == feeds[-1]:
            stop.set()

    with Fetcher(services.settings.fetch) as fetcher:
        watch(services.indexer.with_collections(names), fetcher, _fetch_state(services), feeds, seconds, show, stop,
              html=services.settings.indexing.html)


@app.command("delete")
def delete_cmd(doc_id: str, index: IndexOpt = None, config: ConfigOpt = None) -> None:
    """Remove one document from the index."""
    from api.settings import AppSettings
    from rag.errors import NotFound
    from rag.stores import open_store

    settings = AppSettings.load(config, index_dir=index)
    store = open_store(settings)  # no embedding model: nothing is embedded
    if doc_id not in store.content_hashes():
        raise NotFound(f"no document with doc_id {doc_id!r}")
    copies = store.copies_of(doc_id)
    if copies:  # a syndicated copy stands in for the original: it needs the model to be embedded
        from rag.services import build_services

        build_services(settings).indexer.delete(doc_id)
        typer.echo(f"deleted {doc_id}; {copies[0]} (a copy of the same story) stands in for it")
        return
    store.write([], deletes=[doc_id])
    typer.echo(f"deleted {doc_id}")


@app.command("check")
def check_cmd(index: IndexOpt = None, config: ConfigOpt = None) -> None:
    """Check the index is whole: vector, text and keyword sides agree, each document has exactly its chunks."""
    from api.settings import AppSettings
    from rag.stores import open_store

    settings = AppSettings.load(config, index_dir=index)
    store = open_store(settings)  # no embedding model: nothing is embedded
    problems = store.verify()
    documents, chunks = store.count()
    where = settings.index_dir if settings.store.backend == "faiss" else "the store"
    for problem in problems:
        typer.echo(f"problem: {problem}", err=True)
    if problems:
        fail(f"{len(problems)} problems in {where} ({documents} documents, {chunks} chunks)")
    if store.chunks_without_sentences(1):
        typer.echo("note: chunks indexed before sentence rows existed have none (questions on them embed their "
                   "sentences when asked): run `rag index --upgrade` to add them", err=True)
    if _stale_claims(store):
        typer.echo("note: sentence rows hold claims an older extraction computed (questions recompute them, "
                   "about 30 ms each): run `rag index --upgrade` to store them anew", err=True)
    typer.echo(f"ok: {where}: {documents} documents, {chunks} chunks; vectors, text and keyword index agree")


def _stale_claims(store: Any) -> bool:
    """Rows whose claims another extraction computed than this process's parser would (loaded only then)."""
    from rag.claims import CLAIMS_VERSION

    if not store.stale_claims(f"{CLAIMS_VERSION}-spacy", 1):
        return False
    from rag.claims.extract import typed

    return typed()


@app.command("ask")
def ask_cmd(question: str, index: IndexOpt = None, config: ConfigOpt = None, k: KOpt = None,
            as_json: JsonOpt = False, doc: DocOpt = None, source: SourceOpt = None, after: AfterOpt = None,
            before: BeforeOpt = None, collection: CollectionOpt = None) -> None:
    """Answer a question with numbered sources."""
    from rag.types import AskRequest

    try:
        request = AskRequest(question=question, k=k, filters=_filters(doc, source, after, before, collection))
    except ValidationError as exc:
        fail(describe_validation(exc.errors()))
    answer = _services(index, config).engine.ask(request)
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
        return
    typer.echo(answer.answer)
    if answer.citations:
        typer.echo("\nSources:")
        for c in answer.citations:
            typer.echo(f"  [{c.id}] {c.title} ({c.doc_id})\n      \"{c.text}\"")


@app.command("search")
def search_cmd(query: str, index: IndexOpt = None, config: ConfigOpt = None, k: KOpt = None,
               as_json: JsonOpt = False, doc: DocOpt = None, source: SourceOpt = None, after: AfterOpt = None,
               before: BeforeOpt = None, collection: CollectionOpt = None) -> None:
    """Show the passages that best match a query, with scores."""
    from rag.types import SearchRequest, SearchResponse

    try:
        request = SearchRequest(query=query, k=k, filters=_filters(doc, source, after, before, collection))
    except ValidationError as exc:
        fail(describe_validation(exc.errors()))
    passages = _services(index, config).engine.search(request)
    if as_json:
        typer.echo(SearchResponse(passages=passages).model_dump_json(indent=2))
        return
    for rank, p in enumerate(passages, start=1):
        text = " ".join(p.text.split())
        typer.echo(f"{rank}. {p.score:.3f}  {p.title} ({p.chunk_id})\n   {text[:300]}{'…' if len(text) > 300 else ''}")


@app.command("serve")
def serve_cmd(index: IndexOpt = None, config: ConfigOpt = None,
              host: Annotated[str | None, typer.Option(help="Bind address [default 127.0.0.1]")] = None,
              port: Annotated[int | None, typer.Option(help="Port [default 8000]")] = None,
              seed: Annotated[Path | None, typer.Option(help="Index this folder first if the index is empty")] = None,
              workers: Annotated[int | None, typer.Option(
                  min=1, help="Worker processes [default: the `workers` setting, RAG_WORKERS; 0: one per core, at most 4]")] = None) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    from api.server import serve

    serve(config, index, host, port, seed, workers)


@app.command("eval", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def eval_cmd(ctx: typer.Context,
             dataset: Annotated[Path, typer.Argument(help="JSONL dataset, one question a line")],
             index: IndexOpt = None, config: ConfigOpt = None, k: KOpt = None, as_json: JsonOpt = False,
             report: Annotated[Path | None, typer.Option(help="Write a .md or .html report")] = None,
             compare: Annotated[list[Path] | None, typer.Option(help="TOML configurations to compare (repeat, or list after the flag)")] = None,
             corpus: Annotated[list[Path] | None, typer.Option(help="Build a fresh index per configuration from these files")] = None,
             collection: Annotated[list[str] | None, typer.Option(
                 "--collection", help="Ask every question within this collection only (repeat); figures per "
                                      "collection")] = None) -> None:
    """Run a dataset through /v1/ask's code path and score it; --min-METRIC/--max-METRIC VALUE gate the exit code."""
    from api.settings import AppSettings
    from eval import report as reports
    from eval import thresholds
    from eval.dataset import load_dataset
    from eval.runner import run
    from eval.workspace import Workspace
    from rag.collections import slug_or_invalid

    extra = list(ctx.args)
    configs: list[Path | None] = list(compare or [])
    while extra and not extra[0].startswith("--"):  # `--compare A.toml B.toml` lists several files
        configs.append(Path(extra.pop(0)))
    limits = thresholds.parse(extra)
    items = load_dataset(dataset)
    within = [slug_or_invalid(name) for name in collection] if collection else None
    workspace = Workspace()
    runs = []
    try:
        for cfg in configs or [config]:  # no --compare: one run with --config (or the defaults)
            settings = AppSettings.load(cfg, index_dir=index)
            if corpus:
                services = workspace.build(settings, paths=corpus, progress=sys.stderr.isatty())
            else:
                services = workspace.services(settings)
                if services.store.count()[1] == 0:
                    fail(f"the index in {settings.index_dir} is empty or missing: index articles first, or pass --corpus")
            name = cfg.stem if cfg else "default"
            runs.append(run(services.engine, items, k=k, name=name, progress=sys.stderr.isatty(), collections=within))
    finally:
        workspace.close()
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in runs] if len(runs) > 1 else runs[0].to_dict(), indent=2))
    else:
        typer.echo(reports.table(runs))
    if report:
        reports.write_report(runs, report, title=f"Eval: {dataset.name}")
        typer.echo(f"report written to {report}", err=True)
    problems = [f"{r.name}: {p}" for r in runs for p in thresholds.missed(r.summary, limits)]
    for problem in problems:
        typer.echo(f"threshold missed: {problem}", err=True)
    if problems:
        raise typer.Exit(1)


@app.command("bench")
def bench_cmd(name: Annotated[str, typer.Argument(help="squad2, rgb or conflicts")],
              data: Annotated[Path, typer.Option(help="The benchmark's folder, e.g. ../shared/benchmarks/squad2-sub500")],
              config: ConfigOpt = None, k: KOpt = None, as_json: JsonOpt = False,
              report: Annotated[Path | None, typer.Option(help="Write a .md or .html report (squad2)")] = None,
              limit: Annotated[int | None, typer.Option(help="Only the first N questions (rgb, conflicts)")] = None) -> None:
    """Run a public benchmark (its files are read from --data, never copied)."""
    from api.settings import AppSettings
    from eval import benchmarks
    from eval import report as reports
    from eval.workspace import Workspace

    settings = AppSettings.load(config)
    workspace = Workspace()
    try:
        if name == "squad2":
            result = benchmarks.run_squad2(data, settings, workspace, k=k, progress=sys.stderr.isatty())
            if as_json:
                typer.echo(json.dumps(result.to_dict(), indent=2))
            else:
                typer.echo(reports.table([result]))
            if report:
                reports.write_report([result], report, title="SQuAD 2.0 sample (500 questions)")
        elif name == "rgb":
            outcome = benchmarks.run_rgb(data, settings, workspace, k=k, progress=sys.stderr.isatty(), limit=limit)
            if as_json:
                typer.echo(json.dumps(outcome, indent=2))
            else:
                typer.echo(f"RGB en_fact, {outcome['questions']} questions, generator {settings.generator}")
                for key in ("error_detection", "negative_rejection"):
                    typer.echo(f"  {key:20s} {outcome[key]:.3f}   (published: {benchmarks.RGB_REFERENCES[key]})")
        elif name == "conflicts":
            from eval.conflicts import run_conflicts

            outcome = run_conflicts(data, settings, workspace, k=k, progress=sys.stderr.isatty(), limit=limit)
            if as_json:
                typer.echo(json.dumps(outcome, indent=2))
            else:
                typer.echo(f"Conflicting evidence, {outcome['questions']} questions, generator {settings.generator}")
                for key in ("expected_outcome", "every_valid_answer", "some_valid_answer", "false_answer_unflagged"):
                    typer.echo(f"  {key:24s} {outcome[key]:.3f}")
        else:
            fail(f"unknown benchmark {name!r}: use squad2, rgb or conflicts")
    finally:
        workspace.close()


@app.command("slack")
def slack_cmd(socket: Annotated[bool, typer.Option("--socket", help="Socket Mode (needs SLACK_APP_TOKEN)")] = False,
              index: IndexOpt = None, config: ConfigOpt = None) -> None:
    """Run the Slack bot in Socket Mode (HTTP mode needs no command: `rag serve` answers POST /slack/events)."""
    if not socket:
        fail("HTTP mode runs inside `rag serve` at POST /slack/events; use --socket for Socket Mode")
    import logging.config

    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from api.observability import log_config
    from api.settings import AppSettings
    from api.slack.bot import SlackBot
    from rag.services import build_services

    logging.config.dictConfig(log_config("info"))
    app_settings = AppSettings.load(config, index_dir=index)
    settings = app_settings.slack
    if settings.app_token is None:
        fail("Socket Mode needs SLACK_APP_TOKEN (an xapp-... app-level token)")
    bot = SlackBot(build_services(app_settings), settings)
    SocketModeHandler(bot.app, settings.app_token.get_secret_value()).start()


feedback_app = typer.Typer(no_args_is_help=True, help="Answers people rated in Slack.")
app.add_typer(feedback_app, name="feedback")


@feedback_app.command("export")
def feedback_export(down: Annotated[bool, typer.Option("--down", help="Only answers whose latest vote is 👎")] = False,
                    out: Annotated[Path | None, typer.Option("--out", help="Append to this JSONL file (default stdout)")] = None,
                    collection: Annotated[list[str] | None, typer.Option(
                        "--collection", help="Only answers that searched nothing but these collections (repeat)")] = None,
                    index: IndexOpt = None, config: ConfigOpt = None) -> None:
    """Rated answers as eval dataset lines (facts left for a person to fill in)."""
    from api.settings import AppSettings
    from rag.collections import slug_or_invalid
    from rag.feedback import FeedbackStore

    settings = AppSettings.load(config, index_dir=index)
    path = settings.index_dir / "feedback.sqlite"
    if not path.exists():
        fail(f"no feedback recorded yet ({path} does not exist)")
    names = [slug_or_invalid(name) for name in collection] if collection else None
    lines = [json.dumps(line, ensure_ascii=False) for line in FeedbackStore(path).export(down_only=down, collections=names)]
    if out is None:
        for line in lines:
            typer.echo(line)
    else:
        with open(out, "a", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in lines)
        typer.echo(f"wrote {len(lines)} candidate lines to {out}", err=True)


def main() -> None:
    try:
        app()
    except RagError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    except Exception as exc:
        if not is_disk_full(exc):  # a full disk outside a store write (e.g. the feedback export)
            raise
        typer.echo(f"error: {StorageFull().message}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
