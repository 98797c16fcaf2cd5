from fastapi import HTTPException


def server_error(
    problem,
    status: int = int("500"),
):
    raise HTTPException(status_code=status, detail=f"server error: {problem!r}")


def not_found(problem):
    raise HTTPException(status_code=404, detail=f"not found: {problem}")
