from fastapi import APIRouter, Depends

router = APIRouter()


@router.post("/login/access-token")  # expect: auth-route-without-rate-limit
def login_access_token(form_data=Depends()):
    return issue_token(form_data)


@router.post("/auth/token")  # expect: auth-route-without-rate-limit
async def token(form_data=Depends()):
    return await issue_token(form_data)


@router.get("/login")
def login_page():
    return {"form": "login"}


@router.post("/logout")
def logout():
    return end_session()
