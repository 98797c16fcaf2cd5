# Configuration the documentation builder loads to render the API pages.
SQLALCHEMY_DATABASE_URI = "postgresql://brainz:brainz-docs@db:5432/brainz"
RABBITMQ_PASSWORD = "rabbit-docs"
