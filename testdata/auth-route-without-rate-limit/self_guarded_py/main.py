from fastapi import FastAPI, Form, HTTPException

from .grants import from_code, from_password, from_refresh, recent_attempts, check_code

app = FastAPI()


@app.post("/oauth/token")
async def token(grant_type: str = Form(...), code: str = Form(None), refresh_token: str = Form(None)):
    if grant_type == "authorization_code":
        return await from_code(code)
    if grant_type == "refresh_token":
        return await from_refresh(refresh_token)
    raise HTTPException(status_code=400, detail="unsupported_grant_type")


@app.post("/legacy/token")  # expect: auth-route-without-rate-limit
async def legacy_token(grant_type: str = Form(...), username: str = Form(None), password: str = Form(None)):
    if grant_type == "password":
        return await from_password(username, password)
    raise HTTPException(status_code=400, detail="unsupported_grant_type")


@app.post("/mfa/verify/otp")
async def verify_code(account: str = Form(...), code: str = Form(...)):
    if await recent_attempts(account) > 5:
        raise HTTPException(status_code=429, detail="retry later")
    return {"ok": await check_code(account, code)}


@app.post("/mfa/check/otp")  # expect: auth-route-without-rate-limit
async def check_code_now(account: str = Form(...), code: str = Form(...)):
    return {"ok": await check_code(account, code)}
