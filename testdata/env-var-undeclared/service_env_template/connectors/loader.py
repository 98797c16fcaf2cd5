import os

DATASET = os.environ["WAREHOUSE_DATASET"]
TABLE = os.environ["WAREHOUSE_TABLE"]  # expect: env-var-undeclared
