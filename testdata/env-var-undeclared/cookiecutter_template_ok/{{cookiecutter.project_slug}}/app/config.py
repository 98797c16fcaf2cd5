import os

# Rendered before it runs: the declarations are in the rendered project.
SQLALCHEMY_DATABASE_URI = os.getenv("DATABASE_URL")
REDIS = connect(os.getenv("CACHE_URL"))
