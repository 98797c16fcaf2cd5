from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

app = FastAPI()


@app.get("/users/{user_id}/orders")
def orders(user_id: str, status: str, session: Session):
    return session.execute(text("SELECT * FROM orders WHERE user_id = :user_id AND status = :status"), {"user_id": user_id, "status": status}).all()
