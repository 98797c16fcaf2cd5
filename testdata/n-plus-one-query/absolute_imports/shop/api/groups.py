from fastapi import APIRouter
from pydantic import BaseModel

from shop.services.groups import assign_admins, group_slugs

router = APIRouter()


class AdminsIn(BaseModel):
    user_ids: list[int]
    names: list[str] = []


@router.post("/groups/{group_id}/admins")
def add_admins(group_id: int, body: AdminsIn):
    assign_admins(group_id, body.user_ids)
    return {"slugs": group_slugs(body.names)}
