from sqlmodel import Field, SQLModel

from shop.db import get_session


class UserGroup(SQLModel, table=True):
    id: int = Field(primary_key=True)
    user_id: int
    group_id: int
    is_admin: bool = False


class UserGroupDao:
    @classmethod
    def add_admin(cls, user_id: int, group_id: int) -> UserGroup:
        with get_session() as session:
            row = UserGroup(user_id=user_id, group_id=group_id, is_admin=True)
            session.add(row)
            session.commit()
            session.refresh(row)
            return row
