import os

QUEUE_URL = os.environ["QUEUE_URL"]  # expect: env-var-undeclared


def chat_model(provider):
    if provider == "openai":
        return {"key": os.environ["OPENAI_API_KEY"]}
    elif provider == "deepseek":
        return {"key": os.environ["DEEPSEEK_API_KEY"]}
    return None


def embeddings(provider):
    match provider:
        case "voyage":
            return os.environ["VOYAGE_API_KEY"]
        case _:
            return None


def search_key():
    try:
        return os.environ["SEARCH_API_KEY"]
    except KeyError:
        raise RuntimeError("Set SEARCH_API_KEY to use web search")


def scraper_url():
    try:
        url = os.environ["SCRAPER_URL"]
    except KeyError:
        url = "https://scraper.example.com"
    return url


def report_dir():
    # The handler catches no missing key: the read raises KeyError.
    try:
        return os.environ["REPORT_DIR"]  # expect: env-var-undeclared
    except OSError:
        return "/tmp"
