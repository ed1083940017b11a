"""The app's settings: the core's (rag/settings.py) plus what only the HTTP service and the Slack bot need."""

from __future__ import annotations

import hashlib
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from api.slack.routing import parse_channel_collections, parse_default_collections
from rag.settings import Settings

SLUG = re.compile(r"[a-z0-9-]{1,64}")


def _scope(item: str) -> tuple[str, str]:
    """'KEY@energy+markets' -> ('KEY', '@energy+markets'); a key without a scope keeps its whole text."""
    key, at, scope = item.rpartition("@")
    if not at or not key:
        return item, ""
    names = scope.split("+")
    if not all(SLUG.fullmatch(name) for name in names):
        raise ValueError(f"the scope after '@' of an api_keys entry must be collection names [a-z0-9-]{{1,64}} "
                         f"joined by '+', e.g. KEY@energy+markets (got {scope!r})")
    return key, "@" + "+".join(sorted(set(names)))


def _hash_keys(value: Any) -> list[str]:
    """Keys are kept only as sha256 hex digests ('HEX', or 'HEX@energy+markets' for a key scoped to those
    collections); 'sha256:HEX' entries are taken as already hashed."""
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
        item, scope = _scope(item)
        if item.startswith("sha256:"):
            digest = item.removeprefix("sha256:").lower()
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
                raise ValueError("an api_keys entry 'sha256:...' must carry 64 hex digits")
            hashed.append(digest + scope)
        elif len(item) < 16:
            raise ValueError("every API key must be at least 16 characters")
        else:
            hashed.append(hashlib.sha256(item.encode()).hexdigest() + scope)
    return hashed


SecretKeys = Annotated[list[str], NoDecode, BeforeValidator(_hash_keys)]


class ApiSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rate_limit_per_minute: int = Field(default=120, ge=0, le=1_000_000,
                                       description="Requests per minute per API key (or per client address without "
                                                   "one), with bursts up to this many; 0 turns the limit off.")
    max_upload_bytes: int = Field(default=5_000_000, ge=1, description="Largest document accepted by the API.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed to call the API from a "
                                                                       "browser; empty: CORS off.")
    public_collections: list[Annotated[str, Field(pattern=r"^[a-z0-9-]{1,64}$")]] | None = Field(
        default=None, description="The collections a caller without a valid key reads (when reading is open). "
                                  "Unset: all of them while no key carries a scope, none once one does.")


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
    channel_collections: Annotated[dict[str, list[str]], NoDecode, BeforeValidator(parse_channel_collections)] = Field(
        default_factory=dict, description="C0123=energy+markets,C0456=sports: the collections each channel (by ID) "
                                          "searches.")
    default_collections: Annotated[list[str] | None, NoDecode, BeforeValidator(parse_default_collections)] = Field(
        default=None, description="energy+markets: for other channels and DMs. Unset: every collection while no "
                                  "channel is mapped, none once one is.")
    command: str = Field(default="/ask", pattern=r"^/[a-z0-9_\-]{1,31}$")
    update_seconds: float = Field(default=1.0, ge=0.1, le=30, description="Least time between streamed updates.")

    @field_validator("channels", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return [c.strip() for c in value.split(",") if c.strip()] if isinstance(value, str) else value

    @property
    def enabled(self) -> bool:
        return self.bot_token is not None and self.signing_secret is not None


class AppSettings(Settings):
    """Everything the core has, plus the HTTP service (host, port, limits, CORS, keys) and Slack."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=0, ge=0, le=64, description="Worker processes of `rag serve`, each with its own "
                                                             "models and caches (about 1 GB at 10k chunks); 0: one "
                                                             "per core, at most 4.")
    heap_trim_seconds: float = Field(default=10.0, ge=0, description="How often a serving process looks whether "
                                     "it has worked since it last gave its free heap back to the system "
                                     "(glibc malloc_trim, at an idle moment; rag/heap.py); 0: never.")
    api: ApiSettings = ApiSettings()
    api_keys: SecretKeys = Field(default_factory=list, description="RAG_API_KEYS: comma-separated keys (or "
                                                                    "sha256:HEX of a key), each optionally scoped "
                                                                    "to collections: KEY@energy+markets. Writing "
                                                                    "needs one.")
    require_key_for_read: bool = Field(default=False, description="Reading endpoints need a key too.")
    slack: SlackSettings = Field(default_factory=SlackSettings, description="From SLACK_* variables.")
