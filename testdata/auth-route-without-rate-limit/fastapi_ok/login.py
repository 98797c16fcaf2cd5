from fastapi import APIRouter, Depends

router = APIRouter()


@router.post("/login/access-token")
def login_access_token(form_data=Depends()):
    return issue_token(form_data)
