from fastapi import FastAPI

# Built in debug mode, but no deployment loads this module.
debug_app = FastAPI(debug=True)
quiet_app = FastAPI(debug=False)
