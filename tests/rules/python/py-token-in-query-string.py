from fastapi import FastAPI, Query
from flask import request as flask_request
from starlette.requests import Request
from starlette.responses import JSONResponse

app = FastAPI()


async def sse_endpoint(request: Request):
    # ruleid: py-token-in-query-string
    token = request.query_params.get("token")
    # ok: py-token-in-query-string
    cursor = request.query_params.get("cursor")
    # ok: py-token-in-query-string
    auth = request.headers.get("authorization")
    return JSONResponse({"token": bool(token), "cursor": cursor, "auth": bool(auth)})


def legacy():
    # ruleid: py-token-in-query-string
    key = flask_request.args["api_key"]
    # ok: py-token-in-query-string
    page = flask_request.args.get("page", "1")
    return key, page


@app.get("/messages")
# ruleid: py-token-in-query-string
async def messages(session_id: str, access_token: str = Query(...)):
    return {"session": session_id, "ok": bool(access_token)}


@app.get("/search")
# ok: py-token-in-query-string
async def search(q: str = Query(..., min_length=1), limit: int = Query(10)):
    return {"q": q, "limit": limit}


@app.get("/events")
# ruleid: py-token-in-query-string
async def events(key: str = Query(..., alias="api_key")):
    return {"ok": bool(key)}
