from sqlalchemy import create_engine


def create_test_database_urls():
    return {
        "DB_CONNECT": "postgresql://app_test:Tst-pass-42@db/app_test",
        "ADMIN": "postgresql://postgres:Adm-pass-42@db/postgres",
    }


def create_database_urls():
    return {
        "DB_CONNECT": "postgresql://app:Prd-pass-42@db/app", # expect: hardcoded-secret
    }


class Fixtures:
    def make_testing_engine(self):
        password = "Tst-engine-7"
        return create_engine(f"postgresql://app:{password}@db/app_test")

    def make_engine(self):
        password = "Prd-engine-7" # expect: hardcoded-secret
        return create_engine(f"postgresql://app:{password}@db/app")
