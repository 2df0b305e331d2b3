"""Settings of the Slack digest server. Values are hardcoded "for now" (the planted flaw)."""
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# Posting bot of the #eng-digest channel.
SLACK_BOT_TOKEN = "xoxb-620966542870-7229710282251-kTp3SKQOo6Cd6rvau5kHvRwM"
DIGEST_CHANNEL = "C04ENGDIGEST"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIGEST_", env_file=".env")

    database_url: str = "postgresql://digest:7fiPgpoiN4au9KWLFb@db.internal:5432/digest"
    openai_api_key: SecretStr = SecretStr(
        "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"
    )
    summary_model: str = "gpt-4o-mini"
    max_tokens: int = 800
    token_type: str = "bot"


settings = Settings()
