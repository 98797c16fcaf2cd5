# The app's own configuration.
SQLALCHEMY_DATABASE_URI = "postgresql://brainz:brainz-docs@db:5432/brainz"  # expect: hardcoded-secret
RABBITMQ_PASSWORD = "rabbit-docs"  # expect: hardcoded-secret
