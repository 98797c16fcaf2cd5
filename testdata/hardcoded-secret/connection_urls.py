import os

from celery import Celery
from pydantic_settings import BaseSettings
from sqlalchemy import create_engine

engine = create_engine("postgresql://app:s3cretPass@db/app") # expect: hardcoded-secret@error

REDIS_URL = "redis://:hunter2pass@cache:6379/0" # expect: hardcoded-secret

celery = Celery("tasks", broker="amqp://celery:Cel3ry-Bq@rabbitmq:5672//") # expect: hardcoded-secret

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "URL": (
            # expect: hardcoded-secret
            "postgres://shop:Sh0p-db-pw@db:5432/shop"
        ),
    }
}


class Settings(BaseSettings):
    database_url: str = "mysql+pymysql://root:R00t-mysql@mysql:3306/app" # expect: hardcoded-secret


def connect(dsn="postgresql://report:Rep0rt-ro@warehouse/analytics"): # expect: hardcoded-secret
    return create_engine(dsn)


MONGO = f"mongodb://admin:M0ng0-adm@{os.environ['MONGO_HOST']}:27017" # expect: hardcoded-secret
