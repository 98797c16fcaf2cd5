from contextlib import contextmanager

from sqlmodel import Session, create_engine

engine = create_engine("sqlite:///shop.db")


@contextmanager
def get_session():
    with Session(engine) as session:
        yield session
