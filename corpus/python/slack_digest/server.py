"""Slack digest MCP server: summarises a channel's day and posts the digest."""
import httpx
from mcp.server.fastmcp import FastMCP
from openai import AsyncOpenAI

from .settings import DIGEST_CHANNEL, SLACK_BOT_TOKEN, settings

mcp = FastMCP("slack-digest")
openai = AsyncOpenAI(api_key=settings.openai_api_key.get_secret_value())


async def slack(method: str, **params) -> dict:
    async with httpx.AsyncClient(base_url="https://slack.com/api") as client:
        resp = await client.post(method, json=params, headers={"Authorization": f"Bearer {SLACK_BOT_TOKEN}"})
        resp.raise_for_status()
        return resp.json()


@mcp.tool()
async def post_digest(oldest: float) -> str:
    """Summarise today's messages of the digest channel and post the summary there."""
    history = await slack("conversations.history", channel=DIGEST_CHANNEL, oldest=oldest, limit=200)
    text = "\n".join(m.get("text", "") for m in history.get("messages", []))
    completion = await openai.chat.completions.create(
        model=settings.summary_model,
        max_tokens=settings.max_tokens,
        messages=[{"role": "system", "content": "Summarise for engineers."}, {"role": "user", "content": text}],
    )
    summary = completion.choices[0].message.content or ""
    await slack("chat.postMessage", channel=DIGEST_CHANNEL, text=summary)
    return summary


if __name__ == "__main__":
    mcp.run(transport="stdio")
