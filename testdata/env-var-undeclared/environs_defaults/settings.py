from environs import Env

env = Env()
env.read_env()

SECRET_KEY = env("SECRET_KEY")
# environs takes a positional default.
RELEASES_API = env("RELEASES_API", "https://api.github.com/repos/acme/app/releases")
# The inner read is the default of the outer one: both optional.
EXPORTS_REGION = env("EXPORTS_REGION", env("STORAGE_REGION"))
EXPORTS_DOMAIN = env.str("EXPORTS_DOMAIN", default=None)
# No default: a deployment made from the template leaves it unset.
EXPORTS_BUCKET = env("EXPORTS_BUCKET") # expect: env-var-undeclared
