# Keys fixed by the deployment's configuration: the embedding models, providers and OIDC
# configuration URLs an operator sets, the names of the loggers. The caches they key hold a
# handful of entries and are not reported; a lock per wallet id is.
import asyncio
import logging

_MODELS = {}
_TOKENIZERS = {}
_DISCOVERY = {}
_LEVELS = {}


def model_for(model_name):
    if model_name not in _MODELS:
        _MODELS[model_name] = load_model(model_name)
    return _MODELS[model_name]


def tokenizer_for(model_provider, model_name):
    id_tuple = (model_provider, model_name)
    if id_tuple not in _TOKENIZERS:
        _TOKENIZERS[id_tuple] = load_tokenizer(model_provider, model_name)
    return _TOKENIZERS[id_tuple]


def discover(config_url):
    if config_url not in _DISCOVERY:
        _DISCOVERY[config_url] = fetch_discovery(config_url)
    return _DISCOVERY[config_url]


def cap_level(logger_name, level):
    _LEVELS[logger_name] = level
    logging.getLogger(logger_name).setLevel(level)


wallet_locks = {}  # expect: unbounded-cache


def lock_for(wallet_id):
    if wallet_id not in wallet_locks:
        wallet_locks[wallet_id] = asyncio.Lock()
    return wallet_locks[wallet_id]


_REGISTERED_ATTRS = set()


def _register_encrypted_attribute(class_name, attribute):
    attr_key = f"{class_name}.{attribute}"
    if attr_key in _REGISTERED_ATTRS:
        return
    _REGISTERED_ATTRS.add(attr_key)
