"""All configuration, read once from the environment and `.env`: the only place that reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from retrieval.chunking import ChunkingConfig
from retrieval.search import SearchConfig


class Settings(BaseSettings):
    """briefbot's settings; every field is documented in `.env.example`."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    # --- storage -----------------------------------------------------------------------
    data_dir: Path = Field(
        default=Path("data"),
        alias="BRIEFBOT_DATA_DIR",
        description="Where the embedded Chroma files, the keyword index and app state live.",
    )
    chroma_url: str = Field(
        default="",
        alias="CHROMA_URL",
        description="URL of a Chroma server (e.g. http://127.0.0.1:8000); empty: embedded Chroma.",
    )
    chroma_collection: str = Field(
        default="briefbot",
        alias="CHROMA_COLLECTION",
        description="Chroma collection holding the passages.",
    )
    corpus_paths: list[Path] = Field(
        default_factory=lambda: [Path("corpus")],
        alias="BRIEFBOT_CORPUS",
        description="Files and folders ingested when no path is given (JSON list, e.g. "
        '["corpus", "more"]).',
    )

    # --- chunking and embedding ----------------------------------------------------------
    chunk_tokens: int = Field(
        default=200,
        alias="BRIEFBOT_CHUNK_TOKENS",
        ge=32,
        le=480,
        description="Passage size, in tokens.",
    )
    chunk_overlap_tokens: int = Field(
        default=40,
        alias="BRIEFBOT_CHUNK_OVERLAP_TOKENS",
        ge=0,
        le=200,
        description="Tokens repeated between neighbouring passages.",
    )
    embed_batch_size: int = Field(
        default=1,
        alias="BRIEFBOT_EMBED_BATCH_SIZE",
        ge=1,
        le=512,
        # The INT8 model quantizes each call's activations by their own range: one passage a
        # call makes a passage's vector the same whatever is embedded beside it, so an index
        # re-ingested in part holds a fresh build's vectors. Batches of 8 are about 15% faster.
        description="Passages per ONNX call.",
    )
    onnx_threads: int = Field(
        default=0,
        alias="BRIEFBOT_ONNX_THREADS",
        ge=0,
        description="CPU threads for the models; 0: all.",
    )

    # --- search ------------------------------------------------------------------------
    search_k: int = Field(
        default=10,
        alias="BRIEFBOT_SEARCH_K",
        ge=1,
        le=50,
        description="Passages kept, and read by the extractive composer.",
    )
    dense_weight: float = Field(
        default=SearchConfig.dense_weight,
        alias="BRIEFBOT_DENSE_WEIGHT",
        ge=0.0,
        le=1.0,
        description="Weight of the dense ranking against BM25 in the fusion (0: BM25 only).",
    )
    candidates: int = Field(
        default=SearchConfig.dense_candidates,
        alias="BRIEFBOT_SEARCH_CANDIDATES",
        ge=5,
        le=500,
        description="Candidates taken from each of dense and BM25 search before fusion.",
    )
    rerank_candidates: int = Field(
        default=SearchConfig.rerank_candidates,
        alias="BRIEFBOT_RERANK_CANDIDATES",
        ge=0,
        le=100,
        description="Fused candidates rescored by the cross-encoder; 0 turns reranking off.",
    )
    max_per_doc: int = Field(
        default=SearchConfig.max_per_doc,
        alias="BRIEFBOT_MAX_PER_DOC",
        ge=1,
        le=10,
        description="Passages one document may place in the results before others get a turn.",
    )

    # --- answers ------------------------------------------------------------------------
    llm_model: str = Field(
        default="",
        alias="LLM_MODEL",
        description='LangChain chat model as "provider:model" (e.g. openai:gpt-4o-mini, '
        "anthropic:claude-sonnet-4-5, ollama:llama3.1); empty: extractive answers, no LLM.",
    )
    openai_api_key: SecretStr = Field(
        default=SecretStr(""), alias="OPENAI_API_KEY", description="Key for openai: models."
    )
    openai_base_url: str = Field(
        default="",
        alias="OPENAI_BASE_URL",
        description="An OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (vLLM, llama.cpp).",
    )
    anthropic_api_key: SecretStr = Field(
        default=SecretStr(""), alias="ANTHROPIC_API_KEY", description="Key for anthropic: models."
    )
    ollama_base_url: str = Field(
        default="",
        alias="OLLAMA_BASE_URL",
        description="Ollama server, e.g. http://127.0.0.1:11434.",
    )
    judged_sentences: int = Field(
        default=25,
        alias="BRIEFBOT_JUDGED_SENTENCES",
        ge=0,
        le=500,
        description="Sentences the extractive composer scores with its model, the most "
        "promising first (by the question's words, passage rank and, where the index stores "
        "them, sentence vectors); 0: all of them, several times as slow for no better recall.",
    )
    llm_timeout_seconds: float = Field(
        default=20.0,
        alias="LLM_TIMEOUT_SECONDS",
        gt=0,
        le=300,
        description="Longest wait for the model before the extractive answer is used instead.",
    )
    llm_max_retries: int = Field(
        default=1, alias="LLM_MAX_RETRIES", ge=0, le=5, description="Retries of a failed LLM call."
    )
    prompts_dir: Path = Field(
        # The project's own folder, wherever briefbot is started from.
        default=Path(__file__).resolve().parent.parent / "prompts",
        alias="BRIEFBOT_PROMPTS_DIR",
        description="Where answer.md lives.",
    )

    # --- chat front ends ----------------------------------------------------------------
    chat_api_timeout_seconds: float = Field(
        default=20.0,
        alias="BRIEFBOT_CHAT_API_TIMEOUT_SECONDS",
        gt=0,
        le=300,
        description="How long a call to the Telegram or Slack API may take. A call that times "
        "out is not repeated: its message may have arrived.",
    )
    answer_workers: int = Field(
        default=0,
        alias="BRIEFBOT_ANSWER_WORKERS",
        ge=0,
        le=64,
        description="Questions answered at once; 0: one per CPU core.",
    )
    rate_limit_per_minute: int = Field(
        default=10,
        alias="BRIEFBOT_RATE_LIMIT_PER_MINUTE",
        ge=1,
        le=600,
        description="Questions one chat or channel may ask per minute before being asked to wait.",
    )
    telegram_bot_token: SecretStr = Field(
        default=SecretStr(""),
        alias="TELEGRAM_BOT_TOKEN",
        description="Token from @BotFather; when set, `briefbot serve` runs the Telegram bot.",
    )
    telegram_api_base_url: str = Field(
        default="",
        alias="TELEGRAM_API_BASE_URL",
        description="Bot API base URL with the token appended, e.g. http://127.0.0.1:8081/bot; "
        "empty: the official Bot API.",
    )
    telegram_webhook_url: str = Field(
        default="",
        alias="TELEGRAM_WEBHOOK_URL",
        description="Public HTTPS URL for webhook mode; empty: long polling.",
    )
    telegram_webhook_secret: SecretStr = Field(
        default=SecretStr(""),
        alias="TELEGRAM_WEBHOOK_SECRET",
        description="Secret Telegram sends with each webhook call; other calls are refused.",
    )
    telegram_webhook_port: int = Field(
        default=8443, alias="TELEGRAM_WEBHOOK_PORT", description="Local port of the webhook server."
    )
    telegram_allowed_chat_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        alias="TELEGRAM_ALLOWED_CHAT_IDS",
        description="Comma-separated chat ids allowed to use the bot; empty: every chat.",
    )
    telegram_admin_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        alias="TELEGRAM_ADMIN_IDS",
        description="Comma-separated user ids allowed to run admin commands such as /ingest.",
    )
    slack_bot_token: SecretStr = Field(
        default=SecretStr(""),
        alias="SLACK_BOT_TOKEN",
        description="Bot token (xoxb-...); when set, `briefbot serve` runs the Slack app.",
    )
    slack_signing_secret: SecretStr = Field(
        default=SecretStr(""),
        alias="SLACK_SIGNING_SECRET",
        description="Signing secret that authenticates Slack's HTTP requests.",
    )
    slack_app_token: SecretStr = Field(
        default=SecretStr(""),
        alias="SLACK_APP_TOKEN",
        description="App-level token (xapp-...); when set, Socket Mode instead of HTTP.",
    )
    slack_port: int = Field(
        default=3000, alias="SLACK_PORT", description="Port of the HTTP endpoint /slack/events."
    )
    slack_api_url: str = Field(
        default="",
        alias="SLACK_API_URL",
        description="Slack Web API base URL, e.g. http://127.0.0.1:8082/api/; empty: Slack's own.",
    )
    slack_allowed_channel_ids: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        alias="SLACK_ALLOWED_CHANNEL_IDS",
        description="Comma-separated channel ids where the bot answers; empty: everywhere.",
    )

    # --- feeds ----------------------------------------------------------------------------
    feeds: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        alias="FEEDS",
        description="Comma-separated RSS/Atom feed URLs whose new articles are ingested.",
    )
    feed_poll_minutes: float = Field(
        default=30.0,
        alias="FEED_POLL_MINUTES",
        gt=0,
        le=1440,
        description="How often `briefbot serve` polls the feeds.",
    )

    @field_validator(
        "telegram_allowed_chat_ids",
        "telegram_admin_ids",
        "slack_allowed_channel_ids",
        "feeds",
        mode="before",
    )
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        # "1, 2,3" in .env reads more naturally than a JSON list.
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    def llm_credentials(self) -> tuple[str | None, str | None]:
        """The API key and base URL for the configured provider, if any."""
        provider = self.llm_model.split(":", 1)[0].lower()
        if provider == "openai":
            # A local OpenAI-compatible server needs no key, but the client insists on one.
            key = self.openai_api_key.get_secret_value() or (
                "not-needed" if self.openai_base_url else ""
            )
            return key or None, self.openai_base_url or None
        if provider == "anthropic":
            return self.anthropic_api_key.get_secret_value() or None, None
        if provider == "ollama":
            return None, self.ollama_base_url or None
        return None, None

    def secret_values(self) -> tuple[str, ...]:
        """Every configured token, key and secret, so logs can blank them."""
        return tuple(
            value.get_secret_value()
            for value in (getattr(self, name) for name in type(self).model_fields)
            if isinstance(value, SecretStr) and value.get_secret_value()
        )

    def chat_allowed(self, platform: str, chat: str) -> bool:
        """Whether `platform`'s allowlist lets `chat` use the bot; an empty list lets every chat."""
        if platform == "telegram":
            allowed = {str(c) for c in self.telegram_allowed_chat_ids}
        elif platform == "slack":
            allowed = set(self.slack_allowed_channel_ids)
        else:
            return False
        return not allowed or chat in allowed

    def chunking(self) -> ChunkingConfig:
        """The chunking part of the settings as the engine's value."""
        return ChunkingConfig(self.chunk_tokens, self.chunk_overlap_tokens)

    def search(self) -> SearchConfig:
        """The search part of the settings as the engine's value."""
        return SearchConfig(
            dense_candidates=self.candidates,
            keyword_candidates=self.candidates,
            dense_weight=self.dense_weight,
            rerank_candidates=self.rerank_candidates,
            max_per_doc=self.max_per_doc,
        )
